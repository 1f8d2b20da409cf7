// Any origin serves: a path either resolves to the origin it is read against or leaves it.
const HERE = "http://this-site.invalid";
// Browsers drop tabs and line breaks inside a URL and read "\" as "/", so "/\t/evil.example" and
// "/\evil.example" both become "//evil.example"; whitespace has no place in a path we write.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F\\\s]/;

/**
 * A path of this site to go back to after a form, percent-encoded so that it can be sent in a
 * Location header; anything that could lead elsewhere gives `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || UNSAFE.test(to)) return fallback;
  const url = new URL(to, HERE);
  if (url.origin !== HERE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
