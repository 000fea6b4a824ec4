package sqlstore

import (
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)
