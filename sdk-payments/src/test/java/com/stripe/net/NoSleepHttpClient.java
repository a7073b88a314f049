package com.stripe.net;

/**
 * stripe-java's own {@link HttpURLConnectionClient}, unchanged except that it does not sleep
 * between retries (the package-private switch stripe-java's own tests use), so retry tests run in
 * no time. Test code only.
 */
public final class NoSleepHttpClient extends HttpURLConnectionClient {
  public NoSleepHttpClient() {
    this.networkRetriesSleep = false;
  }
}
