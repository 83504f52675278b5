package testkit

import (
	"context"
	"testing"
	"time"

	"github.com/djorm/orm"
)

// lockWaitQuery counts the sessions of the test's database waiting for a
// row lock on a FOR UPDATE statement.
var lockWaitQuery = map[string]string{
	"postgresql": "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND datname = current_database()",
	"mariadb":    "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE '%FOR UPDATE%' AND info NOT LIKE '%processlist%' AND db = DATABASE()",
	"mysql":      "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE '%FOR UPDATE%' AND info NOT LIKE '%processlist%' AND db = DATABASE()",
}

// WaitForLockWait polls (for up to 10s) until some session waits for a row
// lock; it reports whether one did. Polling the server is how the tests
// know a statement is blocked, instead of sleeping and hoping.
func WaitForLockWait(t *testing.T, db *orm.DB) bool { return pollLockWaits(t, db, true) }

// WaitNoLockWait polls (for up to 10s) until no session waits for a row lock.
func WaitNoLockWait(t *testing.T, db *orm.DB) bool { return pollLockWaits(t, db, false) }

func pollLockWaits(t *testing.T, db *orm.DB, want bool) bool {
	t.Helper()
	q := lockWaitQuery[db.Dialect().Name()]
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		if err := db.SQLDB().QueryRowContext(context.Background(), q).Scan(&n); err != nil {
			t.Fatalf("reading lock waits: %v", err)
		}
		if (n > 0) == want {
			return true
		}
		time.Sleep(20 * time.Millisecond) // polling interval of a server-side condition
	}
	return false
}
