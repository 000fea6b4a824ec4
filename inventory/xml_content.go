package inventory

// content fills CONTENT's sections, field for field as the struct tags of
// xmlContent say; TestXMLReaderMatchesEncodingXML and FuzzXMLReader hold
// the two in step.
func (s *xmlScanner) content(open xmlToken, c *xmlContent) error {
	return s.each(open, func(t xmlToken) error {
		switch string(t.name) {
		case "HARDWARE":
			h := &c.Hardware
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"NAME", &h.Name}, tagField{"UUID", &h.UUID}, tagField{"MEMORY", &h.Memory},
					tagField{"OSNAME", &h.OSName}, tagField{"OSVERSION", &h.OSVersion},
					tagField{"PROCESSORT", &h.ProcessorT}, tagField{"PROCESSORN", &h.ProcessorN})
			})
		case "BIOS":
			b := &c.BIOS
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"SMANUFACTURER", &b.SManufacturer}, tagField{"SMODEL", &b.SModel}, tagField{"SSN", &b.SSN},
					tagField{"MMANUFACTURER", &b.MManufacturer}, tagField{"MMODEL", &b.MModel}, tagField{"MSN", &b.MSN},
					tagField{"BMANUFACTURER", &b.BManufacturer}, tagField{"BVERSION", &b.BVersion}, tagField{"BDATE", &b.BDate})
			})
		case "OPERATINGSYSTEM":
			if c.OS == nil {
				c.OS = new(xmlOS)
			}
			o := c.OS
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"NAME", &o.Name}, tagField{"FULL_NAME", &o.FullName}, tagField{"VERSION", &o.Version}, tagField{"ARCH", &o.Arch})
			})
		case "CPUS":
			p := grow(&c.CPUs)
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"NAME", &p.Name}, tagField{"TYPE", &p.Type}, tagField{"MANUFACTURER", &p.Manufacturer},
					tagField{"CORE", &p.Core}, tagField{"CORES", &p.Cores}, tagField{"CPUARCH", &p.Arch})
			})
		case "MEMORIES":
			m := grow(&c.Memories)
			return s.record(t, func(n []byte) *string { return pick(n, tagField{"CAPACITY", &m.Capacity}) })
		case "STORAGES":
			d := grow(&c.Storages)
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"NAME", &d.Name}, tagField{"TYPE", &d.Type}, tagField{"MODEL", &d.Model},
					tagField{"SERIALNUMBER", &d.SerialNumber}, tagField{"DISKSIZE", &d.DiskSize})
			})
		case "DRIVES":
			d := grow(&c.Drives)
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"LETTER", &d.Letter}, tagField{"TYPE", &d.Type}, tagField{"VOLUMN", &d.Volumn},
					tagField{"FILESYSTEM", &d.FileSystem}, tagField{"TOTAL", &d.Total}, tagField{"FREE", &d.Free},
					tagField{"ENCRYPT_NAME", &d.EncryptName}, tagField{"ENCRYPT_STATUS", &d.EncryptStatus})
			})
		case "NETWORKS":
			w := grow(&c.Networks)
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"DESCRIPTION", &w.Description}, tagField{"MACADDR", &w.MACAddr}, tagField{"TYPE", &w.Type},
					tagField{"VIRTUALDEV", &w.VirtualDev}, tagField{"IPADDRESS", &w.IPAddress}, tagField{"IPADDRESS6", &w.IPAddress6})
			})
		case "SOFTWARES":
			w := grow(&c.Softwares)
			return s.record(t, func(n []byte) *string {
				switch string(n) { // the bulk of a report: no pick() here
				case "NAME":
					return &w.Name
				case "VERSION":
					return &w.Version
				case "PUBLISHER":
					return &w.Publisher
				}
				return nil
			})
		case "ANTIVIRUS":
			a := grow(&c.Antivirus)
			return s.record(t, func(n []byte) *string {
				return pick(n, tagField{"NAME", &a.Name}, tagField{"COMPANY", &a.Company}, tagField{"VERSION", &a.Version},
					tagField{"ENABLED", &a.Enabled}, tagField{"UPTODATE", &a.UpToDate})
			})
		case "VERSIONCLIENT":
			return s.str(t, &c.VersionClient)
		}
		return s.skip(t)
	})
}

// tagField pairs a tag name with the field it fills.
type tagField struct {
	tag   string
	field *string
}

func pick(name []byte, fields ...tagField) *string {
	for _, f := range fields {
		if f.tag == string(name) {
			return f.field
		}
	}
	return nil
}

// grow appends a zero entry, as encoding/xml does for each occurrence of
// a slice's element, and returns it.
func grow[T any](s *[]T) *T {
	var zero T
	*s = append(*s, zero)
	return &(*s)[len(*s)-1]
}
