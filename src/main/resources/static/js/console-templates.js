/*
 * The console's templates page (web/console/templates.ftlh): asks the server every second whether a file of the
 * templates folder changed, and when it did, fetches the page again and swaps in its parts marked .live (the check
 * and the preview), so a rep sees their edit without reloading; the form stays as the rep left it. The iframe's
 * address carries the version, so it loads the new HTML too.
 */
(function () {
	'use strict';

	var root = document.getElementById('templates');
	if (!root || !window.fetch) {
		return;
	}
	var busy = false;

	function swapIn(html) {
		var page = html && new DOMParser().parseFromString(html, 'text/html');
		var fresh = page && page.getElementById('templates');
		if (!fresh) {
			return;
		}
		fresh.querySelectorAll('.live').forEach(function (part) {
			var old = document.getElementById(part.id);
			if (old) {
				old.replaceWith(document.importNode(part, true));
			}
		});
		root.dataset.version = fresh.dataset.version;
	}

	function poll() {
		if (busy) {
			return;
		}
		busy = true;
		fetch(root.dataset.versionUrl, { credentials: 'same-origin', cache: 'no-store' })
			.then(function (response) { return response.ok ? response.json() : null; })
			.then(function (answer) {
				if (answer && answer.version && answer.version !== root.dataset.version) {
					return fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
						.then(function (response) { return response.ok ? response.text() : null; })
						.then(swapIn);
				}
			})
			.catch(function () { /* the server is away for a moment: ask again next time */ })
			.then(function () { busy = false; });
	}

	window.setInterval(poll, 1000);
}());
