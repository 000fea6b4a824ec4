package hitori

import "time"

// InventoryReport is what an inventory agent (FusionInventory, OCS
// Inventory, GLPI Agent) said about one device, in neutral form: the
// inventory package parses the agents' formats into it, and the store
// applies it to the register.
type InventoryReport struct {
	DeviceID   string // the agent's own id (hostname-date); changes when the agent's state is wiped
	Agent      string // agent name and version, as reported
	UUID       string // hardware (SMBIOS) UUID
	BIOSSerial string // system serial number (BIOS SSN)
	MACs       []string
	Hostname   string
	Maker      string
	Model      string
	CPU        string
	CPUCores   int
	MemoryMB   int64
	BIOS       InventoryBIOS
	Disks      []InventoryDisk
	Volumes    []InventoryVolume
	NICs       []InventoryNIC
	OSName     string
	OSVersion  string
	OSArch     string
	Software   []InventorySoftware
	Antivirus  []InventoryAntivirus
	ReportedAt time.Time
	// Partial is a GLPI Agent partial update: only the sections it carries
	// replace what is stored (Sections names them).
	Partial  bool
	Sections []string
}

// InventoryBIOS is the firmware a report names.
type InventoryBIOS struct {
	Vendor  string `json:"vendor,omitempty"`
	Version string `json:"version,omitempty"`
	Date    string `json:"date,omitempty"`
}

// InventoryDisk is one physical disk.
type InventoryDisk struct {
	Name   string `json:"name"`
	Model  string `json:"model,omitempty"`
	Serial string `json:"serial,omitempty"`
	SizeMB int64  `json:"size_mb"`
}

// InventoryVolume is one mounted file system (a drive letter on Windows).
type InventoryVolume struct {
	Mount      string `json:"mount"`
	FileSystem string `json:"fs,omitempty"`
	TotalMB    int64  `json:"total_mb"`
	FreeMB     int64  `json:"free_mb"`
	// Encryption is the disk encryption reported for the volume
	// ("BitLocker", "LUKS", "FileVault"); "" when none is reported.
	Encryption string `json:"encryption,omitempty"`
	Encrypted  bool   `json:"encrypted,omitempty"`
}

// InventoryNIC is one network interface.
type InventoryNIC struct {
	Name    string   `json:"name"`
	MAC     string   `json:"mac,omitempty"`
	Type    string   `json:"type,omitempty"`
	Virtual bool     `json:"virtual,omitempty"`
	IPs     []string `json:"ips,omitempty"`
}

// InventorySoftware is one installed program. TitleKey is the normalised
// title licenses are counted against; the asset service fills it.
type InventorySoftware struct {
	Name      string
	Version   string
	Publisher string
	TitleKey  string
}

// InventoryAntivirus is one security product a report names.
type InventoryAntivirus struct {
	Name     string `json:"name"`
	Company  string `json:"company,omitempty"`
	Version  string `json:"version,omitempty"`
	Enabled  bool   `json:"enabled"`
	UpToDate bool   `json:"up_to_date"`
}

// InventoryDetail is the hardware and security part of a device's last
// report, kept beside the asset (the register's own columns hold the
// identity and operating system).
type InventoryDetail struct {
	DeviceID  string               `json:"device_id,omitempty"`
	Agent     string               `json:"agent,omitempty"`
	CPU       string               `json:"cpu,omitempty"`
	CPUCores  int                  `json:"cpu_cores,omitempty"`
	MemoryMB  int64                `json:"memory_mb,omitempty"`
	BIOS      InventoryBIOS        `json:"bios"`
	Disks     []InventoryDisk      `json:"disks,omitempty"`
	Volumes   []InventoryVolume    `json:"volumes,omitempty"`
	NICs      []InventoryNIC       `json:"nics,omitempty"`
	OSArch    string               `json:"os_arch,omitempty"`
	Antivirus []InventoryAntivirus `json:"antivirus,omitempty"`
}

// InventoryOutcome says what applying a report did.
type InventoryOutcome struct {
	AssetID   int64
	Created   bool
	Changed   bool  // any field, detail, MAC or software written beyond last_seen_at
	Held      bool  // unknown device held for approval (PendingID)
	PendingID int64 // the held report's id
	Refused   bool  // the device was rejected before; nothing written
}

// InventoryApply are the choices an ingestion makes beyond the report.
type InventoryApply struct {
	// HoldUnknown keeps a report that matches no asset for an
	// administrator's approval instead of creating the asset.
	HoldUnknown bool
	SourceIP    string
	// TitleKey normalises a program's name for license counting; the
	// store calls it only when it writes software (an unchanged report
	// costs no normalising). nil: the name as is.
	TitleKey func(name string) string
}

// InventoryPending is a report from an unknown device waiting for an
// administrator (or rejected by one).
type InventoryPending struct {
	ID         int64
	DeviceID   string
	Hostname   string
	Serial     string
	UUID       string
	SourceIP   string
	ReceivedAt time.Time
	Status     string // "pending", "rejected"
	Report     *InventoryReport
}

// InventoryState is one inventoried asset as findings need it.
type InventoryState struct {
	Asset    *Asset
	Detail   InventoryDetail
	Software []InventorySoftware
}
