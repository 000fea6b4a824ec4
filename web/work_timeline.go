package web

import (
	"strconv"
	"time"

	"hitori"
)

// workEvent words one event; changes name the field and show old → new
// in words (statuses translated, people named, times in Tokyo time).
func (s *Server) workEventOf(p *page, e *hitori.Event, dir *workStaff) workEvent {
	t := workEvent{Event: e, Class: string(e.Kind), Label: p.T(workEventKey(e.Kind))}
	if e.Kind == hitori.EventNote && e.Field == hitori.FieldUnverifiedSender {
		// Mail threaded by a tag from a stranger: the admin decides whether it belongs.
		t.Class, t.Label = "unverified", p.T("work.event.unverified_sender")
	}
	if e.Minutes > 0 {
		t.Minutes = workMinutes(p, e.Minutes)
	}
	if e.Kind == hitori.EventChange {
		t.Change = p.T("work.change", p.T(workFieldKey(e.Field)), workChangeValue(p, e.Field, e.Old, dir), workChangeValue(p, e.Field, e.New, dir))
	}
	return t
}

func workEventKey(k hitori.EventKind) string {
	switch k {
	case hitori.EventReply:
		return "work.event.reply"
	case hitori.EventNote:
		return "work.event.note"
	case hitori.EventEmail:
		return "work.event.email"
	}
	return "work.event.change"
}

// workFieldKey is the label of a field a change event names.
func workFieldKey(field string) string {
	switch field {
	case "title", "status", "category", "kind", "tags", "urgent", "important", "vendor", "merged_into", "merged_from":
		return "work.field." + field
	case "assignee_id":
		return "work.field.assignee"
	case "due_at":
		return "work.field.due"
	}
	return "work.field.other"
}

// workChangeValue words one side of a change.
func workChangeValue(p *page, field, v string, dir *workStaff) string {
	if v == "" {
		return p.T("work.none")
	}
	switch field {
	case "status":
		return p.T(workStatusKey(hitori.Status(v)))
	case "kind":
		return p.T("work.kind." + v)
	case "urgent", "important":
		if v == "true" {
			return p.T("work.yes")
		}
		return p.T("work.no")
	case "assignee_id":
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			return dir.Name(&id)
		}
	case "due_at":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return workTime(t)
		}
	case "merged_into", "merged_from":
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			return hitori.ItemKey(id)
		}
	}
	return v
}

// workStatusKey is a status's catalogue key.
func workStatusKey(st hitori.Status) string {
	if !st.Valid() {
		return "work.status.unknown"
	}
	return "work.status." + string(st)
}
