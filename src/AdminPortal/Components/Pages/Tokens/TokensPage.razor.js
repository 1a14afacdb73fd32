// Browser helpers of the API tokens page (a JS module imported once per page).

// Shows the list's filters in the address bar without a navigation, so that the view can be bookmarked and
// survives a reload. Keeps Blazor's history state.
export function showQuery(query) {
  const url = location.pathname + query + location.hash;
  if (url !== location.pathname + location.search + location.hash) {
    history.replaceState(history.state, "", url);
  }
}

// Copies text (a GUID, a URL) to the clipboard.
export async function copyText(text) {
  if (await writeClipboard(text)) {
    return true;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  const copied = selectAndCopy(area);
  area.remove();
  return copied;
}

// Copies the value of an input (the one-time secret): read from the page, so it is never sent to the browser twice.
export async function copyInput(id) {
  const input = document.getElementById(id);
  if (!input) {
    return false;
  }
  return (await writeClipboard(input.value)) || selectAndCopy(input);
}

async function writeClipboard(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission or no user gesture): fall back to the selection.
  }
  return false;
}

function selectAndCopy(element) {
  element.focus();
  element.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

// Does nothing: a round trip that returns once the browser has run every call sent before it (such as MudBlazor
// closing the previous dialog, which would otherwise move the focus out of the next one).
export function settle() {
}

// Puts the focus on the element with this id once no dialog is left on the page (for at most five seconds): after a
// dialog closes, MudBlazor's focus trap restores the focus it found when the dialog opened, which after a create was
// the closed form's, so the page says where the focus goes instead.
export function focusLater(id) {
  const until = performance.now() + 5000;
  const attempt = () => {
    if (document.querySelector(".mud-dialog-container") && performance.now() < until) {
      requestAnimationFrame(attempt);
    } else {
      setTimeout(() => document.getElementById(id)?.focus(), 0);
    }
  };
  attempt();
}

// Focuses the element with this id (the reveal's secret) and keeps the focus inside its dialog for a moment: the form
// that opened the reveal is still closing, and MudBlazor's focus trap then restores the focus it saw when the form
// opened ("Create token", outside the reveal). Any focus that lands outside the dialog in that moment comes back here.
export function focusAndHold(id) {
  const element = document.getElementById(id);
  const dialog = element?.closest(".mud-dialog-container");
  if (!element || !dialog) {
    return;
  }
  element.focus();
  const until = performance.now() + 3000;
  const hold = event => {
    if (performance.now() > until || !document.contains(dialog)) {
      document.removeEventListener("focusin", hold, true);
    } else if (!dialog.contains(event.target)) {
      element.focus();
    }
  };
  document.addEventListener("focusin", hold, true);
}
