package dev.parley.core.internal.send;

import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The one place where Graph API requests are built, for sends and for the page's other edges: the
 * base URL is parsed once per configuration, and each account's messages URL (with its
 * {@code appsecret_proof}) and {@code Authorization} value are built once, not per request.
 * Immutable and thread-safe.
 */
final class GraphEndpoints {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String CHARSET = "charset=";

  /**
   * One configured account with what every request from it carries: the {@code Authorization} value,
   * and as headers checked once (OkHttp validates every character of a header it is given one by one,
   * a token's hundreds on every send). {@link #toString()} never shows the token.
   */
  record Sender(Account account, HttpUrl messages, String authorization, Headers headers) {
    Sender(Account account, HttpUrl messages, String authorization) {
      this(account, messages, authorization, Headers.of("Authorization", authorization));
    }

    @Override
    public String toString() {
      return account.toString();
    }
  }

  private final HttpUrl version;
  private final Map<Channel, Map<String, Sender>> senders = new EnumMap<>(Channel.class);

  GraphEndpoints(SendConfig config) {
    this.version = HttpUrl.get(config.graphApiBase()).newBuilder().addPathSegment(config.graphVersion()).build();
    for (Channel channel : Channel.values()) {
      senders.put(channel, new HashMap<>());
    }
    for (Account account : config.accounts().values()) {
      HttpUrl messages = withProof(version.newBuilder().addPathSegment(account.businessId()).addPathSegment("messages"), account);
      senders.get(account.channel()).put(account.businessId(), new Sender(account, messages, "Bearer " + account.token()));
    }
  }

  /** The account {@code recipient} is reached from, or null when none is configured. */
  Sender sender(Recipient recipient) {
    return senders.get(recipient.channel()).get(recipient.businessId());
  }

  /** The account {@code businessId} on {@code channel}, or null when none is configured. */
  Sender sender(Channel channel, String businessId) {
    return senders.get(channel).get(businessId);
  }

  /** The Messenger page {@code pageId}, or null when none is configured. */
  Sender messengerPage(String pageId) {
    return senders.get(Channel.MESSENGER).get(pageId);
  }

  /** The ids of the configured Messenger pages. */
  Set<String> messengerPages() {
    return Set.copyOf(senders.get(Channel.MESSENGER).keySet());
  }

  /** {@code GET /{version}/{pathSegment}?{query}} as the account (the User Profile API). */
  Request get(Sender sender, String pathSegment, Map<String, String> query) {
    HttpUrl.Builder url = version.newBuilder().addPathSegment(pathSegment);
    query.forEach(url::addQueryParameter);
    return new Request.Builder().url(withProof(url, sender.account())).header("Authorization", sender.authorization())
        .get().build();
  }

  /** {@code DELETE /{version}/{node}?{query}} as the account (deleting uploaded media). */
  Request delete(Sender sender, String node, Map<String, String> query) {
    HttpUrl.Builder url = version.newBuilder().addPathSegment(node);
    query.forEach(url::addQueryParameter);
    return new Request.Builder().url(withProof(url, sender.account())).header("Authorization", sender.authorization())
        .delete().build();
  }

  /**
   * {@code GET url} with the account's token: a media file at the short-lived URL the Graph API gave
   * for it, which takes the same bearer token (no {@code appsecret_proof}: it is not a Graph call).
   */
  Request download(Sender sender, HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", sender.authorization()).get().build();
  }

  /** Whether the Graph base is plain HTTP (a sandbox or a test), which makes plain-HTTP download URLs acceptable. */
  boolean plainHttp() {
    return !version.isHttps();
  }

  /**
   * A Send API request: {@code body} posted to the account's {@code /{version}/{id}/messages};
   * {@code listener} hears when the body has been written to the connection (every time it is, should
   * OkHttp write it again on a fresh connection).
   */
  Request messages(Sender sender, String body, WriteListener listener) {
    return new Request.Builder()
        .url(sender.messages())
        .headers(sender.headers())
        .post(new ListenedBody(body.getBytes(StandardCharsets.UTF_8), listener))
        .build();
  }

  /**
   * The body of {@code response} as text, decoded as {@code ResponseBody.string()} decodes it (a byte
   * order mark first, then the declared charset, then UTF-8), without parsing the media type and
   * peeking for a byte order mark on the common path: a body that declares UTF-8 or no charset
   * (Graph's {@code application/json; charset=UTF-8}). Every send reads one answer.
   */
  static String answerText(Response response) throws IOException {
    String type = response.header("Content-Type");
    if (type != null && !utf8OrUndeclared(type)) {
      return response.body().string();
    }
    byte[] bytes = response.body().bytes();
    if (bytes.length == 0 || (bytes[0] != (byte) 0xEF && bytes[0] != (byte) 0xFE && bytes[0] != (byte) 0xFF && bytes[0] != 0)) {
      return new String(bytes, StandardCharsets.UTF_8); // no byte order mark starts otherwise
    }
    return withByteOrderMark(bytes);
  }

  /** True unless {@code contentType} declares a charset other than UTF-8. */
  static boolean utf8OrUndeclared(String contentType) {
    int at = -1;
    for (int i = 0; i + CHARSET.length() <= contentType.length(); i++) {
      if (contentType.regionMatches(true, i, CHARSET, 0, CHARSET.length())) {
        at = i + CHARSET.length();
        break;
      }
    }
    if (at < 0) {
      return true;
    }
    if (at < contentType.length() && contentType.charAt(at) == '"') {
      at++;
    }
    if (!contentType.regionMatches(true, at, "utf-8", 0, 5)) {
      return false;
    }
    int end = at + 5;
    return end == contentType.length() || contentType.charAt(end) == ';' || contentType.charAt(end) == '"'
        || Character.isWhitespace(contentType.charAt(end));
  }

  /** Decodes {@code bytes} by their byte order mark, as OkHttp does, or as UTF-8 when they have none. */
  private static String withByteOrderMark(byte[] bytes) {
    for (ByteOrderMark mark : ByteOrderMark.values()) {
      if (mark.starts(bytes)) {
        return new String(bytes, mark.bytes.length, bytes.length - mark.bytes.length, Charset.forName(mark.charset));
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The byte order marks OkHttp recognizes, UTF-32LE before the UTF-16LE it begins with. */
  private enum ByteOrderMark {
    UTF_8("UTF-8", 0xEF, 0xBB, 0xBF),
    UTF_16BE("UTF-16BE", 0xFE, 0xFF),
    UTF_32LE("UTF-32LE", 0xFF, 0xFE, 0x00, 0x00),
    UTF_16LE("UTF-16LE", 0xFF, 0xFE),
    UTF_32BE("UTF-32BE", 0x00, 0x00, 0xFE, 0xFF);

    private final String charset;
    private final byte[] bytes;

    ByteOrderMark(String charset, int... bytes) {
      this.charset = charset;
      this.bytes = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        this.bytes[i] = (byte) bytes[i];
      }
    }

    boolean starts(byte[] body) {
      if (body.length < bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        if (body[i] != bytes[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** Told when a request's body has been written out, on the thread making the call. */
  interface WriteListener {
    void written();
  }

  /** A JSON body that tells its listener when it has been written: when the request left for the platform. */
  private static final class ListenedBody extends RequestBody {
    private final byte[] bytes;
    private final WriteListener listener;

    ListenedBody(byte[] bytes, WriteListener listener) {
      this.bytes = bytes;
      this.listener = listener;
    }

    @Override
    public MediaType contentType() {
      return JSON;
    }

    @Override
    public long contentLength() {
      return bytes.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(bytes);
      listener.written();
    }
  }

  /** {@code body} posted to {@code /{version}/me/{edge}} as the account (the Handover Protocol's calls). */
  Request edge(Sender sender, String edge, JsonObject body) {
    return post(sender, withProof(version.newBuilder().addPathSegment("me").addPathSegment(edge), sender.account()),
        body.toString());
  }

  /** {@code body} (a multipart upload) posted to {@code /{version}/{node}/{edge}} as the account (media uploads). */
  Request upload(Sender sender, String node, String edge, RequestBody body) {
    return new Request.Builder()
        .url(withProof(version.newBuilder().addPathSegment(node).addPathSegment(edge), sender.account()))
        .header("Authorization", sender.authorization())
        .post(body)
        .build();
  }

  private static Request post(Sender sender, HttpUrl url, String body) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", sender.authorization())
        .post(RequestBody.create(body, JSON))
        .build();
  }

  private static HttpUrl withProof(HttpUrl.Builder url, Account account) {
    if (account.appSecretProof() != null) {
      url.addQueryParameter("appsecret_proof", account.appSecretProof());
    }
    return url.build();
  }
}
