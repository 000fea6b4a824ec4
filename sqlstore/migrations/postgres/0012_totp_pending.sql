-- The TOTP secret of an enrolment in progress, sealed (hitori.Sealer) like
-- totp_secret: the server keeps it, the browser never posts it back.
ALTER TABLE users ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
