package markdown

// starters maps kind, then language, to a starter body. The headings are
// the structure we want every article of that kind to share, so that
// readers find 手順 or 対処 in the same place each time.
var starters = map[Kind]map[string]string{
	KindFAQ: {
		"ja": `## 質問

（利用者からよく聞かれる質問を、聞かれる言葉のまま書きます）

## 回答

（結論を先に書き、必要なら手順やリンクを続けます）
`,
		"en": `## Question

(Write the question the way people actually ask it.)

## Answer

(Give the answer first, then any steps or links.)
`,
	},
	KindRunbook: {
		"ja": `## 前提条件

- （必要な権限・ツール・事前に確認すること）

## 手順

1. （最初の操作）
2. （次の操作）
3. （最後の操作）

## 確認方法

- （作業が正しく終わったことを確かめる方法）
`,
		"en": `## Prerequisites

- (Permissions, tools and anything to check first.)

## Steps

1. (First action.)
2. (Next action.)
3. (Last action.)

## Verification

- (How to confirm the work succeeded.)
`,
	},
	KindTroubleshooting: {
		"ja": `## 症状

（利用者に見えている現象やエラーメッセージをそのまま書きます）

## 原因

（分かっている原因、または考えられる原因）

## 対処

1. （まず試すこと）
2. （解決しない場合に試すこと）
`,
		"en": `## Symptoms

(What the user sees, including the exact error message.)

## Cause

(The known or likely cause.)

## Resolution

1. (Try this first.)
2. (If that does not help, try this.)
`,
	},
	KindPolicy: {
		"ja": `## 目的

（このルールを定める理由）

## 適用範囲

（対象となる人・機器・システム）

## 内容

1. （ルール）
`,
		"en": `## Purpose

(Why this rule exists.)

## Scope

(The people, devices and systems it applies to.)

## Policy

1. (The rule.)
`,
	},
}

// Template returns a starter Markdown body for an article kind ("faq",
// "runbook", "troubleshooting", "policy") in lang "en" or Japanese
// (any other lang, since Japanese is the office language). An unknown kind
// gets "" so the editor simply starts empty.
func Template(kind string, lang string) string {
	byLang, ok := starters[Kind(kind)]
	if !ok {
		return ""
	}
	if lang == "en" {
		return byLang["en"]
	}
	return byLang["ja"]
}
