package dev.parley.payments;

class InMemoryPaymentStoreTest extends PaymentStoreContract {
  @Override
  PaymentStore store() {
    return PaymentStore.inMemory();
  }
}
