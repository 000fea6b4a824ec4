package served

import (
	"os"
	"testing"
)

func TestReadMemoryOfThisProcess(t *testing.T) {
	m, err := ReadMemory(os.Getpid())
	if err != nil || m.VmRSS <= 0 || m.RssAnon <= 0 || m.RssAnon > m.VmRSS || m.VmHWM < m.VmRSS {
		t.Errorf("ReadMemory(self) = %+v, %v", m, err)
	}
	if CPUTime(os.Getpid()) < 0 {
		t.Error("negative CPU time")
	}
	if CPUTime(1<<30) != 0 {
		t.Error("CPU time of a process that does not exist")
	}
}

func TestMemoryString(t *testing.T) {
	if got := (Memory{RssAnon: 20 * 1024, VmRSS: 900 * 1024}).String(); got != "20 MiB / 900 MiB" {
		t.Errorf("got %q", got)
	}
}
