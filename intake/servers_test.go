package intake_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"time"

	"hitori/sqlstore/storetest"
)

// realServers are Debian's dovecot (IMAP with STARTTLS, users in a
// passwd-file, maildirs) and postfix (SMTP with STARTTLS and logins checked
// by dovecot, delivering into the same maildirs), each started with a
// throwaway configuration on loopback ports.
type realServers struct {
	dir      string
	imapAddr string
	smtpAddr string
	tls      *tls.Config // trusts the servers' test certificate
}

// Mail users of the test servers: the helpdesk mailbox and a colleague.
const (
	helpdeskUser = "helpdesk@minato-seiko.example"
	helpdeskPass = "helpdesk-secret"
	sakiUser     = "saki.shimizu@minato-seiko.example"
	sakiPass     = "saki-secret"
)

// startRealServers starts both servers or skips (failing under
// HITORI_TEST_REQUIRE_ALL=1) when they cannot run here.
func startRealServers(t *testing.T) *realServers {
	t.Helper()
	for _, bin := range []string{"/usr/sbin/dovecot", "/usr/sbin/postfix"} {
		if _, err := os.Stat(bin); err != nil {
			storetest.Skip(t, "%s is not installed (apt-get install dovecot-imapd postfix; .ci/run does)", bin)
		}
	}
	if os.Geteuid() != 0 {
		storetest.Skip(t, "dovecot and postfix need root to start (CI runs as root)")
	}
	for _, u := range []string{"nobody", "dovecot", "dovenull", "postfix"} {
		if _, err := user.Lookup(u); err != nil {
			storetest.Skip(t, "system user %s missing: %v", u, err)
		}
	}
	// Not t.TempDir: the servers' own users must reach into it (0755).
	dir, err := os.MkdirTemp("", "hitori-mail-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	must(t, os.Chmod(dir, 0o755))
	for _, d := range []string{"mail", "dovecot/run", "dovecot/state", "postfix", "queue", "pdata"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	must(t, os.Chmod(filepath.Join(dir, "mail"), 0o777))                         // maildirs belong to nobody
	must(t, exec.Command("chown", "postfix", filepath.Join(dir, "pdata")).Run()) // postfix's master locks files there

	s := &realServers{dir: dir, imapAddr: freeAddr(t), smtpAddr: freeAddr(t)}
	s.tls = writeTestCert(t, dir)
	v := map[string]string{"Dir": dir, "IMAPPort": port(s.imapAddr), "SMTPAddr": s.smtpAddr}
	render(t, filepath.Join(dir, "dovecot/dovecot.conf"), dovecotConf, v)
	render(t, filepath.Join(dir, "dovecot/passwd"), fmt.Sprintf("%s:{PLAIN}%s:65534:65534::{{.Dir}}/mail/helpdesk::\n%s:{PLAIN}%s:65534:65534::{{.Dir}}/mail/saki::\n",
		helpdeskUser, helpdeskPass, sakiUser, sakiPass), v)
	render(t, filepath.Join(dir, "postfix/main.cf"), postfixMain, v)
	render(t, filepath.Join(dir, "postfix/master.cf"), postfixMaster, v)
	render(t, filepath.Join(dir, "postfix/vmailbox"), helpdeskUser+" helpdesk/Maildir/\n"+sakiUser+" saki/Maildir/\n", v)

	dv := exec.Command("/usr/sbin/dovecot", "-F", "-c", filepath.Join(dir, "dovecot/dovecot.conf"))
	dv.Stdout, dv.Stderr = logFile(t, dir, "dovecot.out"), logFile(t, dir, "dovecot.out")
	if err := dv.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	t.Cleanup(func() { dv.Process.Signal(os.Interrupt); dv.Wait() })
	s.waitPort(t, s.imapAddr, "dovecot.log")

	pf := exec.Command("/usr/sbin/postfix", "-c", filepath.Join(dir, "postfix"), "start")
	if out, err := pf.CombinedOutput(); err != nil {
		t.Fatalf("start postfix: %v\n%s\n%s", err, out, s.log("postfix.log"))
	}
	t.Cleanup(func() { exec.Command("/usr/sbin/postfix", "-c", filepath.Join(dir, "postfix"), "stop").Run() })
	s.waitPort(t, s.smtpAddr, "postfix.log")
	return s
}

// log returns a server log for a failure message.
func (s *realServers) log(name string) string {
	b, _ := os.ReadFile(filepath.Join(s.dir, name))
	return string(b)
}

func (s *realServers) waitPort(t *testing.T, addr, log string) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 15*time.Second; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
	}
	t.Fatalf("%s did not listen within 15 s:\n%s", addr, s.log(log))
}

const dovecotConf = `base_dir = {{.Dir}}/dovecot/run
state_dir = {{.Dir}}/dovecot/state
log_path = {{.Dir}}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{{.Dir}}/cert.pem
ssl_key = <{{.Dir}}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:~/Maildir
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN {{.Dir}}/dovecot/passwd
}
userdb {
  driver = passwd-file
  args = {{.Dir}}/dovecot/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = {{.IMAPPort}}
  }
  inet_listener imaps {
    port = 0
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
`

const postfixMain = `compatibility_level = 3.6
queue_directory = {{.Dir}}/queue
data_directory = {{.Dir}}/pdata
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.minato-seiko.example
mydomain = minato-seiko.example
myorigin = minato-seiko.example
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = minato-seiko.example
virtual_mailbox_base = {{.Dir}}/mail
virtual_mailbox_maps = texthash:{{.Dir}}/postfix/vmailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
alias_maps =
alias_database =
local_recipient_maps =
smtputf8_enable = no
biff = no
maillog_file_prefixes = {{.Dir}}
maillog_file = {{.Dir}}/postfix.log
smtpd_tls_cert_file = {{.Dir}}/cert.pem
smtpd_tls_key_file = {{.Dir}}/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = {{.Dir}}/dovecot/run/auth-postfix
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
`

// postfixMaster runs every service unchrooted, so the throwaway
// directories need no copies of /etc files.
const postfixMaster = `{{.SMTPAddr}} inet n - n - - smtpd
pickup    unix  n - n 60   1 pickup
cleanup   unix  n - n -    0 cleanup
qmgr      unix  n - n 300  1 qmgr
rewrite   unix  - - n -    - trivial-rewrite
bounce    unix  - - n -    0 bounce
defer     unix  - - n -    0 bounce
trace     unix  - - n -    0 bounce
verify    unix  - - n -    1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -    - proxymap
smtp      unix  - - n -    - smtp
relay     unix  - - n -    - smtp
error     unix  - - n -    - error
retry     unix  - - n -    - error
discard   unix  - - n -    - discard
local     unix  - n n -    - local
virtual   unix  - n n -    - virtual
anvil     unix  - - n -    1 anvil
scache    unix  - - n -    1 scache
postlog   unix-dgram n - n - 1 postlogd
showq     unix  n - n -    - showq
tlsmgr    unix  - - n 1000? 1 tlsmgr
`

// writeTestCert writes a self-signed certificate for 127.0.0.1 and returns
// a client configuration that trusts it.
func writeTestCert(t *testing.T, dir string) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hitori mail test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	must(t, err)
	kder, err := x509.MarshalECPrivateKey(key)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o644))
	cert, err := x509.ParseCertificate(der)
	must(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func render(t *testing.T, path, text string, v map[string]string) {
	t.Helper()
	var b strings.Builder
	must(t, template.Must(template.New("").Parse(text)).Execute(&b, v))
	must(t, os.WriteFile(path, []byte(b.String()), 0o644))
}

func logFile(t *testing.T, dir, name string) *os.File {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// freeAddr returns a loopback address with a port nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
