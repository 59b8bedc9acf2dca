// Messages that put user-typed names (a person and their relation to the child) into the app's own
// words on the phone pages (issue 14.13): the names are passed as `{name}` placeholders and shown
// with <MessageWithUserText>, so English shows English punctuation around Chinese names. zh-CN is
// the source of the keys; spread into ./zh-cn.ts and ./en.ts.

export const phoneNamesZh = {
  'person.nameRelation': '{name}（{relation}）',
  'person.nameAndGroup': '{name} · {group}',
};

export const phoneNamesEn: Record<keyof typeof phoneNamesZh, string> = {
  'person.nameRelation': '{name} ({relation})',
  'person.nameAndGroup': '{name} · {group}',
};
