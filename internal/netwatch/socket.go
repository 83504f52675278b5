package netwatch

import (
	"database/sql/driver"
	"net"
	"reflect"
	"sync"
	"unsafe"
)

var netConnType = reflect.TypeFor[net.Conn]()

// socketFields caches, per driver connection type, the offset of its
// net.Conn field plus one (0: it has none).
var socketFields sync.Map // reflect.Type -> uintptr

// socketOf returns the socket a driver connection reads from: the first
// field of type net.Conn in the struct it points to (lib/pq's conn.c,
// go-sql-driver/mysql's mysqlConn.netConn, a TLS connection when TLS is on).
// Drivers do not export it; it is read once, right after the connection
// was opened, when nothing else uses the connection. nil when there is none.
func socketOf(c driver.Conn) net.Conn {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	t := v.Elem().Type()
	off, ok := socketFields.Load(t)
	if !ok {
		off = uintptr(0)
		for i := range t.NumField() {
			if f := t.Field(i); f.Type == netConnType {
				off = f.Offset + 1
				break
			}
		}
		socketFields.Store(t, off)
	}
	if off.(uintptr) == 0 {
		return nil
	}
	return *(*net.Conn)(unsafe.Add(v.UnsafePointer(), off.(uintptr)-1))
}
