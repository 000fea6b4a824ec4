package web

// incidentAuthz says who may use the incident and alert-rule routes. The
// ack link is open to anyone: its signed, expiring token is the credential.
var incidentAuthz = map[string][]string{
	"GET /incidents":              licenseStaff,
	"GET /incidents/{id}":         licenseStaff,
	"POST /incidents/{id}/ack":    licenseStaff,
	"GET /ack/{token}":            anyone,
	"POST /ack/{token}":           anyone,
	"GET /monitors/{id}/alerts":   licenseStaff,
	"POST /monitors/{id}/alerts":  licenseStaff,
	"POST /monitors/{id}/windows": licenseStaff,
	"GET /alerts":                 licenseStaff,
	"POST /alerts":                licenseStaff,
	"POST /alerts/oncall":         licenseStaff,
}
