-- Payment state of Parley's sdk-payments. H2 (PostgreSQL mode) and PostgreSQL both run this.

CREATE TABLE parley_payment_orders (
  order_id VARCHAR(200) NOT NULL PRIMARY KEY,
  order_version INTEGER NOT NULL,
  order_json TEXT NOT NULL,
  currency CHAR(3) NOT NULL,
  total_minor BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  attempt INTEGER NOT NULL,
  session_id VARCHAR(255),
  checkout_url VARCHAR(4096),
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  payment_intent_id VARCHAR(255),
  paid_minor BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX parley_payment_orders_intent ON parley_payment_orders (payment_intent_id);

CREATE TABLE parley_payment_refunds (
  order_id VARCHAR(200) NOT NULL,
  request_id VARCHAR(200) NOT NULL,
  refund_id VARCHAR(255),
  amount_minor BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  agent VARCHAR(200),
  requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
  failure_reason VARCHAR(500),
  announced BOOLEAN NOT NULL,
  PRIMARY KEY (order_id, request_id)
);

CREATE UNIQUE INDEX parley_payment_refunds_refund_id ON parley_payment_refunds (refund_id);

-- Stripe events already processed, by event id: the durable half of webhook deduplication.
-- outcome_json keeps the decided outcome until every listener got it (handled = TRUE).
CREATE TABLE parley_payment_webhook_events (
  event_id VARCHAR(255) NOT NULL PRIMARY KEY,
  event_type VARCHAR(100) NOT NULL,
  order_id VARCHAR(200) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  handled BOOLEAN NOT NULL,
  outcome_json TEXT
);
