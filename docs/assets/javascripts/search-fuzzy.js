// Forgiving search (README, "Search, in any spelling"): lunr matches whole words, so "Khamanei"
// found nothing. A query word that no result holds is asked again as one of its family
// ("reformers" -> "reform*") and in lunr's fuzzy syntax ("Khamanei~1"); a word that some result
// holds is never widened. A compound typed with a hyphen and a short part is asked closed up
// ("run-off" -> "runoff"), a question without its stop words ("what is the JCPOA" -> "JCPOA"), a
// possessive as the bare word ("Khamenei's" -> "Khamenei"), a name without its diacritics
// ("Rūhānī" -> "Ruhani"), an acronym without its dots ("I.R.G.C." -> "IRGC"), a count in the
// site's groups ("10415991" -> "10 415 991"), "US" spelled out ("United States").
// Loaded before Material's bundle, it wraps the Worker the bundle starts its search in (the
// browser's, or the file:// shim).
(() => {
  "use strict"
  const Base = window.Worker
  if (typeof Base !== "function") return
  const READY = 1, QUERY = 2, RESULT = 3
  const WORD = /^[\p{L}\p{M}'’]+$/u

  const forgivable = word => WORD.test(word) && word.length >= 5
  const fuzzy = word => `${word}~${word.length >= 9 ? 2 : 1}`
  // lunr keys a result's `terms` by the query word in lower case
  const key = word => word.toLowerCase()

  // A word of the same family as the one typed: lunr matches words, not their forms, and
  // Material asks each word as the start of one, so "reform" finds "reformists" but "reformers",
  // "campaigning", "vetted" or "policies" found nothing while the site writes "reformists",
  // "campaign", "vetting", "policy". The ending goes and the rest is asked as the start of a word
  // ("reform*", "campaign*", "vet*", "polic*"); a doubled last consonant is undone ("winn" ->
  // "win"). Not lunr's Porter stemmer, which Material leaves out of English search: its stems
  // are for an index stemmed the same way ("policies" -> "polici", no start of "policy").
  // Names of peoples go too: "Chinese" -> "chin*" (China), "Europeans" -> "europ*" (Europe).
  const ENDING = /(?:i[sz]ations?|ations?|itions?|ions?|ings?|ists?|isms?|ments?|ness|[ae]nces?|ents?|ese|eans?|ians?|ers?|ies|ied|ed|es|ly|s|e|y)$/u
  const family = word => {
    if (!forgivable(word)) return null
    const lower = key(word)
    const stem = lower.replace(ENDING, "")
    if (stem === lower) return null
    const undoubled = stem.replace(/([^aeioulsy])\1$/u, "$1")
    return (undoubled === stem ? stem.length >= 4 : undoubled.length >= 3) ? undoubled : null
  }

  // Found nothing: every long word may be near or of a family ("Khamanei Guardian" ->
  // "Khamanei~1 Guardian~1"; "reformers" -> "reformers~2 reform", which the worker asks "reform*")
  const forgivingAll = query => query.split(/(\s+)/).map(w =>
    forgivable(w) ? [fuzzy(w), family(w)].filter(Boolean).join(" ") : w).join("")

  // Found something, but lunr marks a word false on every result ("Ali Khamxnei": "khamxnei"
  // held by none): only that word is asked again, and required, so every result holds a near
  // form of it ("Ali +Khamxnei~1"). Stop words carry no mark and are never retried.
  const missingEverywhere = (query, groups) => {
    const items = groups.flat().filter(item => item.terms)
    return new Set(query.split(/\s+/).filter(forgivable).map(key).filter(k =>
      items.some(item => item.terms[k] === false) && !items.some(item => item.terms[k] === true)))
  }
  // "run-off", "co-operation", "pre-election": lunr splits at the hyphen and Material lets each
  // part match the start of a word, so "off" found "Office of the Supreme Leader" before the
  // runoff, and "pre" every "president". A compound with a short part (three letters or fewer)
  // is asked as the closed form the site writes ("runoff", "cooperation"); the short parts go.
  // Its long parts ("election" of "pre-election", "gamal" of "Al-Gamal") are asked only if the
  // closed form is no word of the site (asked with them at once, "co-operation" ranked every
  // "Operation …" above "cooperation"). `parts` keeps them: closed form -> long parts.
  // "Amir-Abdollahian" or "anti-Western" are left as typed.
  const COMPOUND = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)+/gu
  const closeCompounds = (text, parts) => text.replace(COMPOUND, word => {
    const pieces = word.split("-")
    if (!pieces.some(piece => piece.length <= 3)) return word
    const closed = pieces.join("")
    const long = pieces.filter(piece => piece.length > 3)
    if (long.length) parts.set(key(closed), long)
    return closed
  })
  // The query with each closed form in `closed` replaced by its long parts, required
  const withLongParts = (text, parts, closed) => text.split(/(\s+)/).map(w =>
    closed.has(key(w)) ? parts.get(key(w)).map(part => `+${part}`).join(" ") : w).join("")
  // A compound of long parts that finds nothing ("hard-liners": neither "hard" nor "liners" is a
  // word of the site) is asked again closed up, with the other words, forgiving ("hardliners~2").
  const closeAll = text => text.replace(COMPOUND, word => word.split("-").join(""))

  // "Khamenei's", "reformists'": the site's text holds the possessive only where it wrote one,
  // and Material asks each word as the start of one, so the bare name ("Khamenei") finds both.
  const POSSESSIVE = /([\p{L}\p{M}]{2,})['’]s(?=\s|$)|([\p{L}\p{M}]{2,}s)['’](?=\s|$)/gu
  const withoutPossessives = text => text.replace(POSSESSIVE, (all, name, plural) => name || plural)

  // How a query is read, as data (data/search_rules.yaml, set by search-rules.js before this
  // script): lunr's English stop words as Material's search worker has them (a test compares
  // the two), question words, and names asked as the pages write them.
  const RULES = self.__searchRules || { stop_words: [], question_words: [], spelled_out: [] }
  const STOP = new Set(RULES.stop_words)
  // "what is the JCPOA", "who won": the index holds no stop word, but Material asks every word as
  // the start of one ("is*"), so "is" found "Islamic" and "who" "whole", and a question ranked
  // entries holding none of its real words first. A stop word is left out of the query, unless
  // nothing else is left ("who " still answers). The last word too: "sworn in" asked "in*", which
  // ranked every "institution" above the oath; typed on, "in" becomes "inaug…" and is asked.
  // Not lunr stop words, but in a question they ask nothing: "how many votes did Pezeshkian get"
  // ranked the pages holding "many" first.
  const QUESTION = new Set(RULES.question_words)
  const STOP_WORD = /(^|\s)([\p{L}\p{M}'’]+)(?=\s|$)/gu
  const leftOut = word => STOP.has(word.toLowerCase()) || QUESTION.has(word.toLowerCase())
  const withoutStopWords = text => {
    const kept = text.replace(STOP_WORD, (all, space, word) => leftOut(word) ? space : all)
    const words = kept.trim().split(/\s+/).filter(Boolean)
    return words.some(word => !STOP.has(word.toLowerCase())) ? kept : text
  }

  // Material ranks a page by its best result's score, where a title that holds one word of the
  // query (×1000) outweighs a section that holds them all: "Savyon Election" listed every
  // "election" page before the reference by Savyon, "Pezeshkian votes" the glossary's "valid
  // votes" before the counts. Pages whose best result holds every word come first, then fewer;
  // Material's order stands within each. So do a page's sections: Material shows the first and
  // those scoring as high, and folds the rest, so "internet shutdown" showed Outlook's
  // "Internet filtering" and folded the blackout's section, which holds both words.
  const share = item => {
    const marks = Object.values(item.terms || {})
    return marks.length ? marks.filter(Boolean).length / marks.length : 0
  }
  const byWordsHeld = (list, held) => list
    .map((entry, at) => ({ entry, at, held: held(entry) }))
    .sort((a, b) => b.held - a.held || a.at - b.at)
    .map(({ entry }) => entry)
  // a page's sections by the words each holds, then the pages by their first section's
  const allWordsFirst = groups => byWordsHeld(groups.map(group => byWordsHeld(group, share)),
                                              group => group.length ? share(group[0]) : 0)
  const ranked = event => {
    if (event.data && event.data.data && Array.isArray(event.data.data.items))
      event.data.data.items = allWordsFirst(event.data.data.items)
    return event
  }

  // "Rūhānī", "Jalīlī", "Khāmeneʾi": the site writes names without diacritics, and one or two
  // edits do not reach a name with three. Latin letters lose their accents and ʾ ʿ go
  // (Persian script keeps its marks: only the Latin block of combining marks is taken out).
  const plainLatin = text => text.normalize("NFD").replace(/[\u0300-\u036f\u02be\u02bf]/g, "").normalize("NFC")
  // "10415991": counts are written "10,415,991", which the index holds as "10", "415" and "991";
  // a run of five digits or more is asked in those groups. "49.8%": the index holds "49.8" and,
  // apart, "%", so the sign goes. "I.R.G.C.", "U.S.": the index splits at each dot and Material
  // asks every letter as the start of a word; the site writes acronyms closed ("IRGC").
  const asWritten = text => text
    .replace(/(?<![\p{L}\p{M}.])(?:\p{L}\.){2,}/gu, dotted => dotted.replace(/\./g, ""))
    .replace(/\b\d{5,}\b/g, digits => digits.replace(/\B(?=(\d{3})+$)/g, " "))
    .replace(/(\d)\s*%/g, "$1")

  // "US", "USA": lunr leaves "us" out of the index as a stop word, so "US" asked "us*" ("used",
  // "usual") and "US sanctions" lost its first word. They are asked as "United States", which
  // the pages write where the country is the subject; so is "America", which they do not write
  // ("American", which they do, is left to the search of its family). Capitals only inside a
  // longer query, so a question's "us" stays a stop word; alone, any case.
  const SPELLED_OUT = RULES.spelled_out.map(rule => {
    const forms = [...rule.forms].sort((a, b) => b.length - a.length).join("|")
    return { inside: new RegExp(`(?<![\\p{L}\\p{M}])(?:${forms})(?![\\p{L}\\p{M}])`, "gu"),
             alone: new RegExp(`^\\s*(?:${forms})\\s*$`, "i"), as: rule.as }
  })
  const spelledOut = text => SPELLED_OUT.reduce((out, rule) =>
    rule.alone.test(out) ? rule.as : out.replace(rule.inside, rule.as), text)

  const forgivingSome = (query, words) => query.split(/(\s+)/).map(w =>
    forgivable(w) && words.has(key(w)) ? `+${fuzzy(w)}` : w).join("")
  // Asked first when a missing word has a family: a form of the word the reader meant before a
  // near spelling of another ("Khatami reformers" -> "Khatami +reform*", then "+reformers~2")
  const familySome = (query, words) => query.split(/(\s+)/).map(w => {
    const kin = words.has(key(w)) && family(w)
    return kin ? `+${kin}*` : w
  }).join("")

  // For the browser tests, which wait on them: <html> gets data-search-ready once the index is
  // built (its files fetched), and counts every query typed when it is asked (data-search-asked)
  // and when its last answer, forgiving ones included, has been shown (data-search-answered).
  const counted = document.documentElement.dataset
  const settled = worker => { if (worker.pending.length === 0) counted.searchAnswered = worker.asked }

  window.Worker = class extends Base {
    // The worker answers queries in the order they are sent: one entry per query on its way
    postMessage(message, ...rest) {
      if (message && message.type === QUERY) {
        const parts = new Map()
        const entry = { text: withoutStopWords(closeCompounds(withoutPossessives(spelledOut(asWritten(plainLatin(String(message.data))))), parts)), parts }
        ;(this.pending ||= []).push(entry)
        counted.searchAsked = this.asked = (this.asked || 0) + 1
        message = { ...message, data: entry.text }
      }
      super.postMessage(message, ...rest)
    }

    ask(entry) {
      this.pending.push(entry)
      super.postMessage({ type: QUERY, data: entry.text })
    }

    addEventListener(type, listener, ...rest) {
      if (type !== "message")
        return super.addEventListener(type, listener, ...rest)
      // every answer shown passes through here, so the page order is set in one place
      const deliver = event => { listener.call(this, ranked(event)); settled(this) }
      super.addEventListener(type, event => {
        const data = event.data
        if (data && data.type === READY) counted.searchReady = ""
        if (!(data && data.type === RESULT && this.pending && this.pending.length))
          return listener.call(this, event)
        const query = this.pending.shift()
        const groups = data.data.items
        if (query.forgiven) {
          // The family holds nothing: ask the near spellings, unless a newer query is on its way
          if (groups.length === 0 && query.next && this.pending.length === 0)
            return this.ask(query.next)
          // Nothing near either: the first answer stands, with its honest "Missing" marks
          if (groups.length === 0 && query.original)
            return deliver(query.original)
          // Near matches: lunr reports the typed word as "missing" from every one of them, and
          // a family as missing from those that hold a near spelling instead
          for (const item of groups.flat())
            for (const k of query.forgiven) if (item.terms && item.terms[k] === false) delete item.terms[k]
          return deliver(event)
        }
        if (this.pending.length === 0) {         // no newer query waiting to be answered
          // A closed form no result holds: its long parts instead ("algamal" -> "+gamal")
          const lost = query.parts && query.parts.size ? new Set([...query.parts.keys()].filter(k =>
            groups.length === 0 || missingEverywhere(k, groups).size)) : new Set()
          if (lost.size)
            return this.ask({ text: withLongParts(query.text, query.parts, lost), forgiven: lost,
                              original: groups.length ? event : undefined })
          if (groups.length === 0) {
            const closed = closeAll(query.text)
            const again = forgivingAll(closed)
            if (again !== query.text) {
              const words = closed.split(/\s+/).filter(forgivable)
              return this.ask({ text: again, forgiven: new Set([...words.map(key), ...words.map(family).filter(Boolean)]) })
            }
          } else {
            const words = missingEverywhere(query.text, groups)
            if (words.size) {
              const near = { text: forgivingSome(query.text, words), forgiven: words, original: event }
              const kin = familySome(query.text, words)
              return this.ask(kin === query.text ? near : { text: kin, forgiven: words, original: event, next: near })
            }
          }
        }
        deliver(event)
      }, ...rest)
    }
  }
})()
