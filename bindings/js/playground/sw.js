// Keeps the playground working offline once loaded: the page, its code and the wasm are
// cached on install and served from the cache first. Nothing is sent anywhere.
const CACHE = "tsi-playground-v2";
const FILES = [
  "./", "./index.html", "./playground.css", "./playground.js", "./words.js",
  "../dist/web.js", "../dist/tsi_wasm_bg.wasm",
  "../../../examples/sip/valid.json", "../../../examples/sip/invalid.json", "../../../examples/case/log.json",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
});
