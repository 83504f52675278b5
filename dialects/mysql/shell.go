package mysql

import (
	"fmt"
	"net"
	"os/exec"
	"strings"

	"github.com/djorm/orm/dialects"
)

// ShellCommand runs mariadb (or mysql) with the user, password, address
// and database of a go-sql-driver DSN (user:pass@tcp(host:port)/db?...).
func (backend) ShellCommand(dsn string) (string, []string, error) {
	at := strings.LastIndex(dsn, "@")
	slash := strings.LastIndex(dsn, "/")
	if slash < 0 || slash < at {
		return "", nil, fmt.Errorf("mysql DSN %q: want user:password@tcp(host:port)/database", dsn)
	}
	var args []string
	if at >= 0 {
		user, pass, hasPass := strings.Cut(dsn[:at], ":")
		args = append(args, "-u", user)
		if hasPass {
			args = append(args, "-p"+pass)
		}
	}
	addr := dsn[at+1 : slash]
	if open := strings.Index(addr, "("); open >= 0 && strings.HasSuffix(addr, ")") {
		proto, inner := addr[:open], addr[open+1:len(addr)-1]
		if proto == "unix" {
			args = append(args, "-S", inner)
		} else if host, port, err := net.SplitHostPort(inner); err == nil {
			args = append(args, "-h", host, "-P", port)
		} else {
			args = append(args, "-h", inner)
		}
	}
	db, _, _ := strings.Cut(dsn[slash+1:], "?")
	if db != "" {
		args = append(args, db)
	}
	prog := "mariadb"
	if _, err := exec.LookPath(prog); err != nil {
		prog = "mysql"
	}
	return prog, args, nil
}

var _ dialects.Shell = backend{}
