/* Offline search of the briefing: facts and source sentences, from search-index.js.
   No request leaves the site; results are built as DOM nodes (never innerHTML). */
(function () {
  "use strict";
  var LIMIT = 100;
  var index = window.BRIEFING_SEARCH_INDEX;
  var form = document.getElementById("search-page-form");
  var input = document.getElementById("search-page-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  if (!form || !input || !status || !results) return;
  // The page's words when it is not in English (search.html writes them from the catalog); English otherwise.
  var W = {};
  var lang = document.documentElement.lang;
  var given = document.getElementById("search-words");
  try { W = given ? JSON.parse(given.textContent) : {}; } catch (e) { W = {}; }
  function t(key, english, values) {
    var text = W[key] || english;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }
  function count(n) { return W.fact ? n.toLocaleString(lang) : String(n); }
  if (!index) {
    status.textContent = t("missing", "The search index (search-index.js) is missing from this site.");
    return;
  }
  document.documentElement.classList.add("search-ready");

  // Accents, case and curly quotes do not matter: "Ruíz" finds "Ruiz", "don't" finds "don’t".
  var ASCII = /^[\x00-\x7f]*$/;
  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();  // most text: no accent or curly quote to fold
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
  }

  var records = null;
  function prepare() {
    if (records) return records;
    var facts = index.facts.map(function (f) {
      return { kind: f[0], title: f[1], detail: f[2], href: f[3], cites: f[4],
               hay: fold(f[0] + " " + f[1] + " " + f[2] + " " + f[4]) };
    });
    var sentences = [];
    index.sources.forEach(function (s) {
      s.sentences.forEach(function (text, i) {
        if (!text) return;
        var label = s.label + "." + (i + 1);
        sentences.push({ label: label, title: s.title, text: text,
                         href: "sources/" + s.id + ".html#" + s.id + "." + (i + 1),
                         hay: fold(text) });
      });
    });
    records = { facts: facts, sentences: sentences };
    return records;
  }

  function terms(query) {
    return fold(query).split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function matches(list, words) {
    var found = [];
    for (var i = 0; i < list.length; i++) {
      var hay = list[i].hay, ok = true;
      for (var j = 0; j < words.length && ok; j++) ok = hay.indexOf(words[j]) >= 0;
      if (ok) found.push(list[i]);
    }
    return found;
  }

  // The text with each search term wrapped in <mark>; positions found in the folded text,
  // which has the same length as the original for the scripts folding keeps one to one.
  function marked(text, words) {
    var frag = document.createDocumentFragment();
    var folded = fold(text);
    if (folded.length !== text.length) { frag.appendChild(document.createTextNode(text)); return frag; }
    var spans = [];
    words.forEach(function (w) {
      var at = folded.indexOf(w);
      while (at >= 0) { spans.push([at, at + w.length]); at = folded.indexOf(w, at + w.length); }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    spans.forEach(function (s) {
      if (s[0] < pos) return;
      frag.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(s[0], s[1]);
      frag.appendChild(m);
      pos = s[1];
    });
    frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  function item(href, where, main, more, words) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    var label = document.createElement("span");
    label.className = "result-where";
    label.textContent = where;
    a.appendChild(label);
    a.appendChild(document.createTextNode(" "));
    a.appendChild(marked(main, words));
    li.appendChild(a);
    if (more) {
      var p = document.createElement("p");
      p.className = "result-more";
      p.appendChild(marked(more, words));
      li.appendChild(p);
    }
    return li;
  }

  function group(id, heading, found, render) {
    var section = document.createElement("section");
    section.setAttribute("aria-labelledby", id);
    var h = document.createElement("h2");
    h.id = id;
    h.textContent = heading + " (" + count(found.length) + ")";
    section.appendChild(h);
    var ol = document.createElement("ol");
    found.slice(0, LIMIT).forEach(function (r) { ol.appendChild(render(r)); });
    section.appendChild(ol);
    if (found.length > LIMIT) {
      var p = document.createElement("p");
      p.textContent = t("first", "The first {limit} of {count} are shown: add a word to narrow the search.",
        { limit: count(LIMIT), count: count(found.length) });
      section.appendChild(p);
    }
    return section;
  }

  function plural(n, key, one, many) {
    var forms = W[key];
    if (!forms) return n + " " + (n === 1 ? one : many);
    var form = forms[new Intl.PluralRules(lang).select(n)] || forms.other;
    return form.split("{num}").join(count(n));
  }

  function run(query) {
    var words = terms(query);
    while (results.firstChild) results.removeChild(results.firstChild);
    if (!words.length) { status.textContent = t("type", "Type a word to search the facts and the source texts."); return; }
    var all = prepare();
    var facts = matches(all.facts, words);
    var sentences = matches(all.sentences, words);
    status.textContent = t("match", "{facts} and {sentences} match \u201c{query}\u201d.", {
      facts: plural(facts.length, "fact", "fact", "facts"),
      sentences: plural(sentences.length, "sentence", "source sentence", "source sentences"),
      query: query.trim()
    });
    if (facts.length) {
      results.appendChild(group("results-facts", t("facts_heading", "Facts"), facts, function (f) {
        return item(f.href, f.kind + (f.cites ? " \u00b7 " + f.cites : ""), f.title, f.detail, words);
      }));
    }
    if (sentences.length) {
      results.appendChild(group("results-sentences", t("sentences_heading", "Source sentences"), sentences, function (s) {
        return item(s.href, s.label + " \u00b7 " + s.title, s.text, "", words);
      }));
    }
  }

  function remember(query) {
    try {  // a page opened from a file may refuse to change its own address; the results are shown either way
      var url = new URL(window.location.href);
      url.searchParams.set("q", query);
      window.history.replaceState(null, "", url.toString());
    } catch (e) { /* keep the old address */ }
  }

  var timer = 0;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); remember(input.value); }, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
    remember(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  run(initial);
  if (initial) input.focus();  // arriving from a search box: keep typing, or Tab on to the results
})();
