// Package mail turns raw RFC 5322 messages, as Japanese mailers really send
// them, into a clean domain message for the helpdesk.
//
// Everything here is a pure function of its input bytes: no network, no
// clock, no global state. Transport (IMAP polling, SMTP sending) lives in
// separate files and hands raw bytes to Parse.
//
// The parser is deliberately lenient. Real mail is full of mislabelled
// charsets (ISO-2022-JP carrying CP932 extensions, "us-ascii" words holding
// JIS escapes, unregistered labels), encoded words where RFC 2047 forbids
// them, and truncated MIME structures. A ticket that reads slightly wrong is
// far better than a lost request, so Parse only fails when the input is not
// mail at all.
//
// Policies a caller should know:
//
//   - Charsets: every Shift_JIS label is decoded as CP932 and ISO-2022-JP as
//     CP50221, so ①, ㈱, 髙 and ～ (U+FF5E) come out as Windows users typed
//     them. Unknown labels are detected: JIS escapes, then UTF-8, then CP932
//     or EUC-JP.
//   - Limits: a message over a limit is still returned, with Truncated set
//     and a line in Notes. Text longer than MaxTextBytes is cut at a line end
//     and the whole text is attached as FullTextName; an attachment over
//     MaxAttachmentBytes keeps its name and size but not its bytes;
//     attachments beyond MaxAttachments are named in Notes only.
//   - Ignore: auto-replies, bounces, read receipts, bulk mail and loops are
//     parsed normally and flagged, so the caller can log them (a bounce's
//     Report names the helpdesk mail that failed) without opening a ticket.
//   - Threading: use MessageID/InReplyTo/References first, then
//     FindTicketTag on the subject, then NormalizeSubject plus the same
//     Requester as a last resort. NormalizeSubject removes leading ticket
//     tags, because the helpdesk's replies add a tag the first mail lacked.
//   - StripQuoted is for appending replies to a thread; a new ticket keeps
//     the full Text, as forwarded content is often the request itself.
package mail
