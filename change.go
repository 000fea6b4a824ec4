package hitori

import "context"

// Topic names a kind of shared data that each process keeps a copy of in
// memory (the search index, the synonym list, the SLA settings). Every write
// of that data, in any process, records a change of its topic in the same
// transaction, so the other processes sharing the database can catch up.
type Topic string

// The topics.
const (
	TopicArticles Topic = "articles" // articles and their files: the search index
	TopicSynonyms Topic = "synonyms" // the admin's synonym list
	TopicSettings Topic = "settings" // every other setting (SLA calendar and policies)
)

// SettingSynonyms is the settings key of the admin's synonym list. It has a
// topic of its own because a synonym edit must not reload the SLA settings,
// nor an SLA edit re-parse the synonyms.
const SettingSynonyms = "search.synonyms"

// SettingTopic tells which topic a write of the setting key changes.
func SettingTopic(key string) Topic {
	if key == SettingSynonyms {
		return TopicSynonyms
	}
	return TopicSettings
}

// ChangeFeed is how a process follows changes to shared data, its own and
// other processes'. A subscriber re-reads what it keeps, so a change it made
// itself, or one reported twice, is harmlessly applied again.
type ChangeFeed interface {
	// Subscribe calls fn once soon (to catch up with changes made before
	// the subscription) and again after changes of topic, until ctx ends.
	// Calls for one subscription never overlap, and changes that arrive
	// while fn runs are folded into one more call.
	Subscribe(ctx context.Context, t Topic, fn func(context.Context))
}
