package hitori

// Alert notifications leave hitori through the job engine: whoever decides
// that someone must be told (an incident, an escalation step, a test button)
// enqueues one JobNotifySend job per channel in the same transaction as the
// change that owes it, and notify's handler delivers it and records the
// attempt. The deciding side never talks to a provider itself.

// JobNotifySend is the kind of the job that delivers one message to one
// alert channel.
const JobNotifySend = "notify.send"

// NotifyPayload is a JobNotifySend job's payload.
type NotifyPayload struct {
	ChannelID int64         `json:"channel_id"`
	Message   NotifyMessage `json:"message"`
}

// NotifyMessage is what a channel says, already in the recipient's
// language; each provider shapes it into its own payload.
type NotifyMessage struct {
	Subject    string `json:"subject"`            // one line, the chat message's first line
	Text       string `json:"text"`               // plain text body
	Link       string `json:"link,omitempty"`     // absolute URL of the thing to look at
	AckLink    string `json:"ack_link,omitempty"` // absolute URL that acknowledges, when there is something to acknowledge
	Severity   string `json:"severity,omitempty"` // "down", "up", "reminder", "escalation", "info", "test"
	Lang       string `json:"lang,omitempty"`     // "ja" or "en"
	IncidentID int64  `json:"incident_id,omitempty"`
}
