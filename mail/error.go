package mail

// Error is a parse failure whose Message is safe to show to a user.
type Error struct {
	Code    string // stable, for message catalogues: "empty", "not_mail", "internal"
	Message string
}

// Error implements error.
func (e *Error) Error() string { return "mail: " + e.Message }

// Parse failures; compare with errors.Is.
var (
	// ErrEmpty means the input held no bytes other than whitespace.
	ErrEmpty = &Error{Code: "empty", Message: "the message is empty"}
	// ErrNotMail means no header field could be found, so this is not a mail message.
	ErrNotMail = &Error{Code: "not_mail", Message: "the data is not a mail message (no header fields)"}
	// ErrInternal means the parser itself failed; the input should be kept for a bug report.
	ErrInternal = &Error{Code: "internal", Message: "the message could not be read because of an internal error"}
)
