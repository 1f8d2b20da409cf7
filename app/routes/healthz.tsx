// The process is up. Deliberately touches nothing else: load balancers poll it, and the
// lesson-page benchmark uses it as the cheapest route this server can answer.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
