package inventory

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"hitori"
)

// The GLPI Agent JSON protocol ("inventory_format" schema): every message
// has an action; an inventory carries lower-case sections under content,
// and partial:true when only some sections are sent.

// text is a JSON scalar read as text: agents send numbers and booleans
// sometimes quoted, sometimes not.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	} else if !bytes.Equal(b, []byte("null")) {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		switch x := v.(type) {
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			s = strconv.FormatBool(x)
		default:
			return malformed("expected a value, got %s", truncate(b))
		}
	}
	*t = text(s)
	return nil
}

func truncate(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

type jsonMessage struct {
	Action   text         `json:"action"`
	DeviceID text         `json:"deviceid"`
	ItemType text         `json:"itemtype"`
	Partial  text         `json:"partial"`
	Content  *jsonContent `json:"content"`
}

type jsonContent struct {
	VersionClient text `json:"versionclient"`
	Hardware      *struct {
		Name   text `json:"name"`
		UUID   text `json:"uuid"`
		Memory text `json:"memory"`
	} `json:"hardware"`
	BIOS *struct {
		SManufacturer text `json:"smanufacturer"`
		SModel        text `json:"smodel"`
		SSN           text `json:"ssn"`
		MManufacturer text `json:"mmanufacturer"`
		MModel        text `json:"mmodel"`
		BManufacturer text `json:"bmanufacturer"`
		BVersion      text `json:"bversion"`
		BDate         text `json:"bdate"`
	} `json:"bios"`
	OS *struct {
		Name     text `json:"name"`
		FullName text `json:"full_name"`
		Version  text `json:"version"`
		Arch     text `json:"arch"`
	} `json:"operatingsystem"`
	CPUs []struct {
		Name text `json:"name"`
		Core text `json:"core"`
	} `json:"cpus"`
	Memories []struct {
		Capacity text `json:"capacity"`
	} `json:"memories"`
	Storages []struct {
		Name     text `json:"name"`
		Type     text `json:"type"`
		Model    text `json:"model"`
		Serial   text `json:"serial"`
		DiskSize text `json:"disksize"`
	} `json:"storages"`
	Drives []struct {
		Letter        text `json:"letter"`
		Type          text `json:"type"`
		Volumn        text `json:"volumn"`
		FileSystem    text `json:"filesystem"`
		Total         text `json:"total"`
		Free          text `json:"free"`
		EncryptName   text `json:"encrypt_name"`
		EncryptStatus text `json:"encrypt_status"`
	} `json:"drives"`
	Networks []struct {
		Description text `json:"description"`
		MACAddr     text `json:"macaddr"`
		Type        text `json:"type"`
		VirtualDev  text `json:"virtualdev"`
		IPAddress   text `json:"ipaddress"`
		IPAddress6  text `json:"ipaddress6"`
	} `json:"networks"`
	Softwares []struct {
		Name      text `json:"name"`
		Version   text `json:"version"`
		Publisher text `json:"publisher"`
	} `json:"softwares"`
	Antivirus []struct {
		Name     text `json:"name"`
		Company  text `json:"company"`
		Version  text `json:"version"`
		Enabled  text `json:"enabled"`
		UpToDate text `json:"uptodate"`
	} `json:"antivirus"`
}

func parseJSON(body []byte) (*Message, error) {
	var jm jsonMessage
	if err := json.Unmarshal(body, &jm); err != nil {
		if m, ok := err.(*MalformedError); ok {
			return nil, m
		}
		return nil, malformed("JSON: %v", err)
	}
	m := &Message{Format: JSON, Query: strings.ToLower(clean(string(jm.Action))), DeviceID: clean(string(jm.DeviceID))}
	switch m.Query {
	case "contact", "prolog", "get_params", "register":
		return m, nil
	case "inventory", "netinventory":
	case "":
		return nil, malformed("JSON message without action")
	default:
		return nil, malformed("unknown action %q", m.Query)
	}
	if jm.Content == nil {
		return nil, malformed("inventory without content")
	}
	if t := strings.ToLower(string(jm.ItemType)); t != "" && t != "computer" {
		return nil, malformed("itemtype %q is not a computer", t)
	}
	r, err := jsonReport(jm.Content, body)
	if err != nil {
		return nil, err
	}
	r.DeviceID, r.Partial = m.DeviceID, yes(string(jm.Partial))
	m.Report = normalise(r)
	return m, nil
}

func jsonReport(c *jsonContent, body []byte) (*hitori.InventoryReport, error) {
	if len(c.Softwares) > MaxSoftware {
		return nil, malformed("more than %d softwares", MaxSoftware)
	}
	r := &hitori.InventoryReport{Agent: string(c.VersionClient)}
	r.Sections = contentSections(body)
	if h := c.Hardware; h != nil {
		r.Hostname, r.UUID, r.MemoryMB = string(h.Name), string(h.UUID), number(string(h.Memory))
	}
	if b := c.BIOS; b != nil {
		r.BIOSSerial = string(b.SSN)
		r.Maker = first(string(b.SManufacturer), string(b.MManufacturer))
		r.Model = first(string(b.SModel), string(b.MModel))
		r.BIOS = hitori.InventoryBIOS{Vendor: string(b.BManufacturer), Version: string(b.BVersion), Date: string(b.BDate)}
	}
	if o := c.OS; o != nil {
		r.OSName, r.OSVersion, r.OSArch = first(string(o.FullName), string(o.Name)), string(o.Version), string(o.Arch)
	}
	for _, cpu := range c.CPUs {
		if r.CPU == "" {
			r.CPU = string(cpu.Name)
		}
		r.CPUCores += int(number(string(cpu.Core)))
	}
	var modules int64
	for _, m := range c.Memories {
		modules += number(string(m.Capacity))
	}
	if modules > 0 {
		r.MemoryMB = modules
	}
	for _, s := range c.Storages {
		if t := strings.ToLower(string(s.Type)); t != "" && t != "disk" {
			continue
		}
		r.Disks = append(r.Disks, hitori.InventoryDisk{Name: string(s.Name), Model: string(s.Model), Serial: string(s.Serial), SizeMB: number(string(s.DiskSize))})
	}
	for _, v := range c.Drives {
		r.Volumes = append(r.Volumes, hitori.InventoryVolume{
			Mount: first(string(v.Letter), string(v.Type), string(v.Volumn)), FileSystem: string(v.FileSystem),
			TotalMB: number(string(v.Total)), FreeMB: number(string(v.Free)),
			Encryption: string(v.EncryptName), Encrypted: yes(string(v.EncryptStatus)),
		})
	}
	for _, n := range c.Networks {
		r.NICs = addNIC(r.NICs, string(n.Description), string(n.MACAddr), string(n.Type), yes(string(n.VirtualDev)), string(n.IPAddress), string(n.IPAddress6))
	}
	for _, s := range c.Softwares {
		r.Software = append(r.Software, hitori.InventorySoftware{Name: string(s.Name), Version: string(s.Version), Publisher: string(s.Publisher)})
	}
	for _, a := range c.Antivirus {
		r.Antivirus = append(r.Antivirus, hitori.InventoryAntivirus{Name: string(a.Name), Company: string(a.Company), Version: string(a.Version),
			Enabled: yes(string(a.Enabled)), UpToDate: yes(string(a.UpToDate))})
	}
	return r, nil
}

// contentSections names the sections a message's content carries, which
// is what a partial update replaces.
func contentSections(body []byte) []string {
	var top struct {
		Content map[string]json.RawMessage `json:"content"`
	}
	if json.Unmarshal(body, &top) != nil {
		return nil
	}
	out := make([]string, 0, len(top.Content))
	for k := range top.Content {
		out = append(out, strings.ToLower(k))
	}
	slices.Sort(out)
	return out
}
