/*
 * The introduction page (web/intro-page.ftlh): the copy button, and, when the ask named no prospect, the form that
 * fills the prospect's name and address into the intro and into its three links. Everything stays in the browser:
 * nothing is sent anywhere. The links are built as ComposeLinks (Java) builds them: UTF-8 percent-encoding, line
 * breaks %0A for Gmail and %0D%0A for Outlook and mailto: (RFC 6068).
 */
(function () {
	'use strict';

	var root = document.getElementById('intro');
	if (!root) {
		return;
	}
	var data = root.dataset;

	function lines(value) {
		return value ? value.split('\n').filter(function (line) { return line !== ''; }) : [];
	}

	function encode(value) {
		// encodeURIComponent leaves !'()* alone; encode them too, as the server does
		return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
			return '%' + c.charCodeAt(0).toString(16).toUpperCase();
		});
	}

	function query(fields) {
		return fields.filter(function (field) { return field[1] !== ''; })
			.map(function (field) { return field[0] + '=' + encode(field[1]); })
			.join('&');
	}

	function crlf(text) {
		return text.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n');
	}

	function gmail(intro) {
		return 'https://mail.google.com/mail/?view=cm&fs=1&' + query([['to', intro.to.join(',')],
			['cc', intro.cc.join(',')], ['su', intro.subject], ['body', intro.body.replace(/\r\n?/g, '\n')]]);
	}

	function outlook(intro) {
		var fields = query([['to', intro.to.join(',')], ['subject', intro.subject], ['body', crlf(intro.body)]]);
		return 'https://outlook.office.com/mail/deeplink/compose' + (fields ? '?' + fields : '');
	}

	function mailto(intro) {
		var address = function (a) { return encode(a).replace(/%40/g, '@'); };
		return 'mailto:' + intro.to.map(address).join(',') + '?' + [
			intro.cc.length ? 'cc=' + intro.cc.map(address).join(',') : '',
			'subject=' + encode(intro.subject), 'body=' + encode(crlf(intro.body))
		].filter(function (field) { return field !== ''; }).join('&');
	}

	var shown = { to: lines(data.to), cc: lines(data.cc), subject: data.subject, body: data.body };

	function replaceAll(text, from, to) {
		return text.split(from).join(to);
	}

	/** The intro for what the form holds: with a name, the draft written to the placeholder, filled in. */
	function filled(name, address) {
		var intro = { to: address ? [address] : [], cc: shown.cc, subject: data.subject, body: data.body };
		if (name) {
			var space = name.indexOf(' ');
			var first = space > 0 ? name.substring(0, space) : name;
			var fill = function (text) {
				return replaceAll(replaceAll(text, data.placeholderName, name), data.placeholderFirst, first);
			};
			intro.subject = fill(data.draftSubject);
			intro.body = fill(data.draftBody);
		}
		return intro;
	}

	function show(intro) {
		shown = intro;
		var to = document.getElementById('intro-to');
		to.textContent = intro.to.join(', ');
		if (!intro.to.length) {
			var none = document.createElement('span');
			none.className = 'muted';
			none.textContent = 'the person you have in mind';
			to.appendChild(none);
		}
		document.getElementById('intro-subject').textContent = intro.subject;
		document.getElementById('intro-body').textContent = intro.body;
		document.getElementById('open-gmail').href = gmail(intro);
		document.getElementById('open-outlook').href = outlook(intro);
		document.getElementById('open-mailto').href = mailto(intro);
	}

	var form = document.getElementById('prospect-form');
	if (form && data.draftBody !== undefined) {
		var name = document.getElementById('prospect-name');
		var address = document.getElementById('prospect-email');
		var update = function () {
			show(filled(name.value.replace(/\s+/g, ' ').trim(), address.value.trim()));
		};
		form.hidden = false;
		name.addEventListener('input', update);
		address.addEventListener('input', update);
		form.addEventListener('submit', function (event) {
			event.preventDefault(); // the form only fills the intro in; it is never sent
			update();
		});
	}

	var status = document.getElementById('copy-status');

	function copied(ok) {
		status.textContent = ok ? 'Copied' : 'Could not copy: select the text and copy it yourself';
	}

	/** For browsers without the asynchronous clipboard (or a page served without HTTPS). */
	function copyWithSelection(text) {
		var area = document.createElement('textarea');
		area.className = 'offscreen';
		area.value = text;
		area.setAttribute('readonly', '');
		document.body.appendChild(area);
		area.select();
		var ok = false;
		try {
			ok = document.execCommand('copy');
		}
		catch (e) {
			ok = false;
		}
		document.body.removeChild(area);
		return ok;
	}

	document.getElementById('copy-text').addEventListener('click', function () {
		var text = shown.body;
		if (navigator.clipboard && window.isSecureContext) {
			navigator.clipboard.writeText(text).then(function () { copied(true); },
				function () { copied(copyWithSelection(text)); });
		}
		else {
			copied(copyWithSelection(text));
		}
	});
}());
