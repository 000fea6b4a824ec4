package web

import "hitori"

// auditRoleArgs are the codes whose arguments are roles, shown by their labels.
var auditRoleArgs = map[string]bool{hitori.DetailRole: true, hitori.DetailRoleChange: true}

// AuditText shows a stored audit detail or target: a code hitori wrote
// (hitori.AuditCode) in the reader's language, anything else as it is —
// rows from before the codes, addresses, titles.
func (p *page) AuditText(s string) string {
	code, args, ok := hitori.SplitAuditCode(s)
	if !ok {
		return s
	}
	if _, known := p.loc.msgs[code]; !known {
		return s
	}
	shown := make([]any, len(args))
	for i, a := range args {
		if auditRoleArgs[code] {
			shown[i] = p.Label("role.", a)
		} else {
			shown[i] = a
		}
	}
	return p.T(code, shown...)
}

// Who shows who did something: the command line by name, people by address.
func (p *page) Who(actor string) string {
	if actor == hitori.ActorCLI {
		return p.T("actor.cli")
	}
	return actor
}
