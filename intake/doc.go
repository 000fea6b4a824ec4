// Package intake turns incoming e-mail into work items: one pipeline for the
// IMAP poller and for `hitori mail ingest`.
//
// For each message it parses (package mail), drops what must not be
// answered (auto-replies, bounces, read receipts, bulk mail, loops) with the
// reason logged, and threads the rest: a Message-ID hitori received or sent
// (In-Reply-To, References), then a [HD-n] subject tag, then an open item
// opened by the same sender under the same normalised subject in the last
// 14 days; otherwise it opens a ticket through work.Service, so the SLA
// clock starts as for every other channel.
//
// Guarantees:
//
//   - Idempotent: a Message-ID handled once returns its first result and
//     writes nothing; messages without one are identified by their bytes.
//   - One transaction per message: the item or reply, its attachments, the
//     log record and the Message-ID claim commit together. The Message-ID
//     is a primary key, so two processes racing on one message end with one
//     item.
//   - Nothing lost: attachments and the original .eml are written to disk
//     (named by SHA-256) before the commit that refers to them, and removed
//     again if it fails; a mailbox message is acknowledged only after the
//     commit (see Poller).
//   - Over-limit mail becomes an item with an internal note, never a drop.
package intake
