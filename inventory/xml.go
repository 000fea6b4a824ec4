package inventory

import (
	"encoding/xml"
	"strings"

	"hitori"
)

// The XML protocol of FusionInventory and OCS Inventory: a REQUEST with a
// QUERY (PROLOG, INVENTORY), the agent's DEVICEID and, for an inventory,
// the CONTENT. Only the sections hitori uses are declared; the decoder
// skips the rest.

type xmlRequest struct {
	XMLName  xml.Name    `xml:"REQUEST"`
	DeviceID string      `xml:"DEVICEID"`
	Query    string      `xml:"QUERY"`
	Content  *xmlContent `xml:"CONTENT"`
}

type xmlContent struct {
	Hardware      xmlHardware    `xml:"HARDWARE"`
	BIOS          xmlBIOS        `xml:"BIOS"`
	OS            *xmlOS         `xml:"OPERATINGSYSTEM"`
	CPUs          []xmlCPU       `xml:"CPUS"`
	Memories      []xmlMemory    `xml:"MEMORIES"`
	Storages      []xmlStorage   `xml:"STORAGES"`
	Drives        []xmlDrive     `xml:"DRIVES"`
	Networks      []xmlNetwork   `xml:"NETWORKS"`
	Softwares     []xmlSoftware  `xml:"SOFTWARES"`
	Antivirus     []xmlAntivirus `xml:"ANTIVIRUS"`
	VersionClient string         `xml:"VERSIONCLIENT"`
}

type xmlHardware struct {
	Name       string `xml:"NAME"`
	UUID       string `xml:"UUID"`
	Memory     string `xml:"MEMORY"`
	OSName     string `xml:"OSNAME"`
	OSVersion  string `xml:"OSVERSION"`
	ProcessorT string `xml:"PROCESSORT"`
	ProcessorN string `xml:"PROCESSORN"`
}

type xmlBIOS struct {
	SManufacturer string `xml:"SMANUFACTURER"`
	SModel        string `xml:"SMODEL"`
	SSN           string `xml:"SSN"`
	MManufacturer string `xml:"MMANUFACTURER"`
	MModel        string `xml:"MMODEL"`
	MSN           string `xml:"MSN"`
	BManufacturer string `xml:"BMANUFACTURER"`
	BVersion      string `xml:"BVERSION"`
	BDate         string `xml:"BDATE"`
}

type xmlOS struct {
	Name     string `xml:"NAME"`
	FullName string `xml:"FULL_NAME"`
	Version  string `xml:"VERSION"`
	Arch     string `xml:"ARCH"`
}

type xmlCPU struct {
	Name         string `xml:"NAME"`
	Type         string `xml:"TYPE"` // OCS
	Manufacturer string `xml:"MANUFACTURER"`
	Core         string `xml:"CORE"`
	Cores        string `xml:"CORES"` // OCS
	Arch         string `xml:"CPUARCH"`
}

type xmlMemory struct {
	Capacity string `xml:"CAPACITY"`
}

type xmlStorage struct {
	Name         string `xml:"NAME"`
	Type         string `xml:"TYPE"`
	Model        string `xml:"MODEL"`
	SerialNumber string `xml:"SERIALNUMBER"`
	DiskSize     string `xml:"DISKSIZE"`
}

type xmlDrive struct {
	Letter        string `xml:"LETTER"`
	Type          string `xml:"TYPE"` // the mount point on Unix
	Volumn        string `xml:"VOLUMN"`
	FileSystem    string `xml:"FILESYSTEM"`
	Total         string `xml:"TOTAL"`
	Free          string `xml:"FREE"`
	EncryptName   string `xml:"ENCRYPT_NAME"`
	EncryptStatus string `xml:"ENCRYPT_STATUS"`
}

type xmlNetwork struct {
	Description string `xml:"DESCRIPTION"`
	MACAddr     string `xml:"MACADDR"`
	Type        string `xml:"TYPE"`
	VirtualDev  string `xml:"VIRTUALDEV"`
	IPAddress   string `xml:"IPADDRESS"`
	IPAddress6  string `xml:"IPADDRESS6"`
}

type xmlSoftware struct {
	Name      string `xml:"NAME"`
	Version   string `xml:"VERSION"`
	Publisher string `xml:"PUBLISHER"`
}

type xmlAntivirus struct {
	Name     string `xml:"NAME"`
	Company  string `xml:"COMPANY"`
	Version  string `xml:"VERSION"`
	Enabled  string `xml:"ENABLED"`
	UpToDate string `xml:"UPTODATE"`
}

func parseXML(body []byte) (*Message, error) {
	req, err := readXML(body)
	if err != nil {
		return nil, err
	}
	m := &Message{Format: XML, Query: strings.ToUpper(clean(req.Query)), DeviceID: clean(req.DeviceID)}
	switch m.Query {
	case "PROLOG":
		return m, nil
	case "INVENTORY":
	default:
		return nil, malformed("unknown QUERY %q", m.Query)
	}
	if req.Content == nil {
		return nil, malformed("INVENTORY without CONTENT")
	}
	r, err := xmlReport(req.Content)
	if err != nil {
		return nil, err
	}
	r.DeviceID = m.DeviceID
	m.Report = r
	return m, nil
}

func xmlReport(c *xmlContent) (*hitori.InventoryReport, error) {
	if len(c.Softwares) > MaxSoftware {
		return nil, malformed("more than %d SOFTWARES", MaxSoftware)
	}
	r := &hitori.InventoryReport{
		Agent:      clean(c.VersionClient),
		UUID:       c.Hardware.UUID,
		BIOSSerial: c.BIOS.SSN,
		Hostname:   c.Hardware.Name,
		Maker:      first(c.BIOS.SManufacturer, c.BIOS.MManufacturer),
		Model:      first(c.BIOS.SModel, c.BIOS.MModel),
		BIOS:       hitori.InventoryBIOS{Vendor: c.BIOS.BManufacturer, Version: c.BIOS.BVersion, Date: c.BIOS.BDate},
		OSName:     c.Hardware.OSName,
		OSVersion:  c.Hardware.OSVersion,
	}
	if c.OS != nil {
		// FusionInventory: OPERATINGSYSTEM names the release; HARDWARE's
		// OSVERSION is the kernel's. OCS sends no OPERATINGSYSTEM.
		r.OSName = first(c.OS.FullName, c.Hardware.OSName, c.OS.Name)
		r.OSVersion = first(c.OS.Version, c.Hardware.OSVersion)
		r.OSArch = c.OS.Arch
	}
	for _, cpu := range c.CPUs {
		if r.CPU == "" {
			r.CPU = first(cpu.Name, cpu.Type)
		}
		if r.OSArch == "" {
			r.OSArch = cpu.Arch
		}
		r.CPUCores += int(number(first(cpu.Core, cpu.Cores)))
	}
	if r.CPU == "" {
		r.CPU = c.Hardware.ProcessorT
	}
	for _, m := range c.Memories {
		r.MemoryMB += number(m.Capacity)
	}
	if r.MemoryMB == 0 {
		r.MemoryMB = number(c.Hardware.Memory)
	}
	for _, s := range c.Storages {
		if t := strings.ToLower(s.Type); t != "" && t != "disk" {
			continue // cdrom, removable, …
		}
		r.Disks = append(r.Disks, hitori.InventoryDisk{Name: s.Name, Model: s.Model, Serial: s.SerialNumber, SizeMB: number(s.DiskSize)})
	}
	for _, v := range c.Drives {
		r.Volumes = append(r.Volumes, hitori.InventoryVolume{
			Mount: first(v.Letter, v.Type, v.Volumn), FileSystem: v.FileSystem,
			TotalMB: number(v.Total), FreeMB: number(v.Free),
			Encryption: v.EncryptName, Encrypted: yes(v.EncryptStatus),
		})
	}
	for _, n := range c.Networks {
		ips := []string{n.IPAddress, n.IPAddress6}
		r.NICs = addNIC(r.NICs, n.Description, n.MACAddr, n.Type, yes(n.VirtualDev), ips...)
	}
	for _, s := range c.Softwares {
		r.Software = append(r.Software, hitori.InventorySoftware{Name: s.Name, Version: s.Version, Publisher: s.Publisher})
	}
	for _, a := range c.Antivirus {
		r.Antivirus = append(r.Antivirus, hitori.InventoryAntivirus{Name: a.Name, Company: a.Company, Version: a.Version,
			Enabled: yes(a.Enabled), UpToDate: yes(a.UpToDate)})
	}
	return normalise(r), nil
}
