-- Failed sign-ins, counted per (account, client address) so a stranger's
-- guesses slow the stranger down without locking the owner out, and per
-- account from everywhere (client '') for a much higher ceiling. account is
-- the e-mail address as typed, known or not (so both answer alike), or
-- '2fa:<user id>' for second-factor codes. Rows quiet for an hour are
-- forgotten.
CREATE TABLE signin_failures (
    account        TEXT NOT NULL,
    client         TEXT NOT NULL,
    failures       INTEGER NOT NULL,
    last_at        TIMESTAMP NOT NULL,
    blocked_until  TIMESTAMP,
    PRIMARY KEY (account, client)
);
CREATE INDEX signin_failures_last ON signin_failures(last_at);
