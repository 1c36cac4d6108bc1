// Forgiving search (README, "Search, in any spelling"): lunr matches whole words, so "Khamanei"
// found nothing. A query that finds nothing is asked again in lunr's fuzzy syntax
// ("Khamanei~1"); one that finds something is never widened. Loaded before Material's bundle,
// it wraps the Worker the bundle starts its search in (the browser's, or the file:// shim).
(() => {
  "use strict"
  const Base = window.Worker
  if (typeof Base !== "function") return
  const QUERY = 2, RESULT = 3
  const WORD = /^[\p{L}\p{M}'’]+$/u

  // "Khamanei Guardian" -> "Khamanei~1 Guardian~1"; words with lunr operators are left alone
  const forgiving = query => query.split(/(\s+)/).map(word =>
    WORD.test(word) && word.length >= 5 ? `${word}~${word.length >= 9 ? 2 : 1}` : word).join("")

  window.Worker = class extends Base {
    // The worker answers queries in the order they are sent: one entry per query on its way
    postMessage(message, ...rest) {
      if (message && message.type === QUERY)
        (this.pending ||= []).push({ text: String(message.data), forgiving: false })
      super.postMessage(message, ...rest)
    }

    addEventListener(type, listener, ...rest) {
      if (type !== "message")
        return super.addEventListener(type, listener, ...rest)
      super.addEventListener(type, event => {
        const data = event.data
        if (data && data.type === RESULT && this.pending && this.pending.length) {
          const query = this.pending.shift()
          if (query.forgiving) {
            // Near matches: lunr reports the typed word as "missing" from every one of them
            for (const group of data.data.items)
              for (const item of group) item.terms = {}
          } else if (data.data.items.length === 0 && this.pending.length === 0) {
            const again = forgiving(query.text)
            if (again !== query.text) {
              this.pending.push({ text: again, forgiving: true })
              super.postMessage({ type: QUERY, data: again })
              return                            // the empty result is not shown
            }
          }
        }
        listener.call(this, event)
      }, ...rest)
    }
  }
})()
