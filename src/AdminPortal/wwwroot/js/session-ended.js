// When a session is signed out, every page it has open leaves for /signin at its next message to the server
// (CircuitSession). The page whose sign-out form was submitted is already on its way to the provider's sign-out page:
// it stays on that way. The flag is set in the same task as the submit, before the POST leaves the browser, so no
// wait for the navigation is guessed.
(() => {
  let signingOut = false;
  document.addEventListener('submit', event => {
    if (event.target instanceof HTMLFormElement && event.target.matches('form.signed-in-signout')) {
      signingOut = true;
    }
  });
  // Back to a page kept in the back-forward cache: that page's navigation ended.
  window.addEventListener('pageshow', () => { signingOut = false; });
  window.adminPortalSessionEnded = url => {
    if (!signingOut) {
      location.assign(url);
    }
  };
})();
