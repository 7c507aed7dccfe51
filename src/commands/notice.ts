/* global Office */
/** The dialog page of the ribbon command: shows the text from the URL fragment, as text. */
Office.onReady(() => {
  const text = decodeURIComponent(window.location.hash.slice(1));
  const box = document.getElementById("message")!;
  box.textContent = text;
  document
    .getElementById("ok")!
    .addEventListener("click", () => Office.context.ui.messageParent("close"));
});
