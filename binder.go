package hitori

// AuditHandoverExport records a download or export of the handover binder
// (the vault records its own export when credentials are included).
const AuditHandoverExport = "handover.export"
