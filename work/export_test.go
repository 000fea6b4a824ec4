package work

import "context"

// WithQuietStatusForTest exposes withQuietStatus to the package's tests.
var WithQuietStatusForTest = func(ctx context.Context) context.Context { return withQuietStatus(ctx) }
