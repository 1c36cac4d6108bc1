// Forgiving search (README, "Search, in any spelling"): lunr matches whole words, so "Khamanei"
// found nothing. A query word that no result holds is asked again in lunr's fuzzy syntax
// ("Khamanei~1"); a word that some result holds is never widened. A compound typed with a hyphen
// and a short part is asked closed up ("run-off" -> "runoff"). Loaded before Material's bundle, it wraps the
// Worker the bundle starts its search in (the browser's, or the file:// shim).
(() => {
  "use strict"
  const Base = window.Worker
  if (typeof Base !== "function") return
  const QUERY = 2, RESULT = 3
  const WORD = /^[\p{L}\p{M}'’]+$/u

  const forgivable = word => WORD.test(word) && word.length >= 5
  const fuzzy = word => `${word}~${word.length >= 9 ? 2 : 1}`
  // lunr keys a result's `terms` by the query word in lower case
  const key = word => word.toLowerCase()

  // Found nothing: every long word may be near ("Khamanei Guardian" -> "Khamanei~1 Guardian~1")
  const forgivingAll = query => query.split(/(\s+)/).map(w => forgivable(w) ? fuzzy(w) : w).join("")

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
  // is asked as the closed form the site writes ("runoff", "cooperation") and its long parts
  // ("election"); the short parts go. "Amir-Abdollahian" or "anti-Western" are left as typed.
  const COMPOUND = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)+/gu
  const closeCompounds = text => text.replace(COMPOUND, word => {
    const parts = word.split("-")
    if (!parts.some(part => part.length <= 3)) return word
    return [parts.join(""), ...parts.filter(part => part.length > 3)].join(" ")
  })

  const forgivingSome = (query, words) => query.split(/(\s+)/).map(w =>
    forgivable(w) && words.has(key(w)) ? `+${fuzzy(w)}` : w).join("")

  window.Worker = class extends Base {
    // The worker answers queries in the order they are sent: one entry per query on its way
    postMessage(message, ...rest) {
      if (message && message.type === QUERY) {
        const entry = { text: closeCompounds(String(message.data)) }
        ;(this.pending ||= []).push(entry)
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
      super.addEventListener(type, event => {
        const data = event.data
        if (!(data && data.type === RESULT && this.pending && this.pending.length))
          return listener.call(this, event)
        const query = this.pending.shift()
        const groups = data.data.items
        if (query.forgiven) {
          // Nothing near either: the first answer stands, with its honest "Missing" marks
          if (groups.length === 0 && query.original)
            return listener.call(this, query.original)
          // Near matches: lunr reports the typed word as "missing" from every one of them
          for (const item of groups.flat())
            for (const k of query.forgiven) if (item.terms) delete item.terms[k]
          return listener.call(this, event)
        }
        if (this.pending.length === 0) {         // no newer query waiting to be answered
          if (groups.length === 0) {
            const again = forgivingAll(query.text)
            if (again !== query.text) {
              const words = query.text.split(/\s+/).filter(forgivable).map(key)
              return this.ask({ text: again, forgiven: new Set(words) })
            }
          } else {
            const words = missingEverywhere(query.text, groups)
            if (words.size)
              return this.ask({ text: forgivingSome(query.text, words), forgiven: words, original: event })
          }
        }
        listener.call(this, event)
      }, ...rest)
    }
  }
})()
