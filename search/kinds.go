package search

// The kinds hitori indexes. Any string works as a kind; these name the ones
// the product uses, and Answer reads only articles.
const (
	KindArticle = "article"
	KindItem    = "item"
	KindAsset   = "asset"
)
