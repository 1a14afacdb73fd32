// The IANA time zone of the browser (e.g. "Europe/Berlin"), so the server can show local times.
export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}
