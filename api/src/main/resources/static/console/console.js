// Live parts of console pages: every element with data-live-url is refreshed every 2 s with the server-rendered HTML
// fragment at that URL (same origin, the session cookie), until a fragment carries data-live-ended (the run has ended).
// No inline script anywhere: the Content-Security-Policy forbids it, so this module is the console's only script.
const PERIOD_MS = 2000;

function follow(element) {
  const url = element.dataset.liveUrl;
  let timer = null;
  const stop = () => clearInterval(timer);
  const refresh = async () => {
    if (document.hidden) {
      return;
    }
    try {
      const response = await fetch(url, {
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'text/html' },
        redirect: 'follow'
      });
      // Signed out or expired: the answer is the sign-in page, not the fragment; the next reload asks to sign in.
      if (!response.ok || response.redirected) {
        stop();
        element.setAttribute('data-live-stopped', '');
        return;
      }
      element.innerHTML = await response.text();
      if (element.querySelector('[data-live-ended]') || element.hasAttribute('data-live-ended')) {
        stop();
      }
    } catch (networkError) {
      // A dropped connection: keep the last view and try again at the next tick.
    }
  };
  if (!element.querySelector('[data-live-ended]')) {
    timer = setInterval(refresh, PERIOD_MS);
  }
}

document.querySelectorAll('[data-live-url]').forEach(follow);
