/**
 * The chat page's script: polls the JSON API and turns clicks into simulated user actions.
 * Names and texts from the API go into the DOM through textContent only; entry HTML comes from
 * the server's escaping renderer.
 */
export const clientScript = String.raw`
(() => {
  const $ = (id) => document.getElementById(id);
  const log = $('log');
  let state = { bot: null, personas: [], chats: [] };
  let current = null;
  let lastSeq = 0;
  let polling = false;

  const toast = (msg) => {
    const t = $('toast');
    t.textContent = msg;
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
  };
  const api = async (path, method, body) => {
    const form = body instanceof FormData;
    const res = await fetch('/dev/chat/api' + path, {
      method: method || 'GET',
      headers: body && !form ? { 'content-type': 'application/json' } : {},
      body: form ? body : body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.message || 'HTTP ' + res.status);
    return json;
  };
  const run = (p) => p.catch((err) => toast(err.message));
  const el = (tag, props, children) => {
    const n = document.createElement(tag);
    Object.assign(n, props || {});
    for (const c of children || []) n.append(c);
    return n;
  };
  const chat = () => state.chats.find((c) => c.id === current) || null;
  const speaker = () => { const c = chat(); return c && c.kind === 'group' ? $('speaker').value : undefined; };

  function renderSide() {
    const personas = $('personas');
    const names = new Set([...personas.querySelectorAll('button')].map((b) => b.dataset.name));
    for (const c of state.chats) {
      if (c.kind === 'user' && !names.has(c.name)) {
        personas.append(el('button', { type: 'button', className: 'persona' }, [c.name]));
        personas.lastChild.dataset.name = c.name;
      }
    }
    for (const b of personas.querySelectorAll('button')) {
      const c = state.chats.find((x) => x.kind === 'user' && x.name === b.dataset.name);
      b.classList.toggle('active', !!c && c.id === current);
      b.dataset.chat = c ? c.id : '';
      b.title = c && !c.following ? 'บล็อกอยู่ / blocked' : '';
    }
    $('groups').replaceChildren(...state.chats.filter((c) => c.kind === 'group').map((g) => {
      const meta = el('span', { className: 'meta', textContent: g.members.length + ' คน' + (g.botIn ? ' · บอต' : '') });
      const b = el('button', { type: 'button', className: g.id === current ? 'active' : '' }, [g.name, meta]);
      b.dataset.chat = g.id;
      b.onclick = () => select(g.id);
      return b;
    }));
  }

  function renderHead() {
    const c = chat();
    const head = $('chat-head');
    $('composer').hidden = !c;
    $('tips').hidden = !c || c.kind !== 'group';
    if (!c) return;
    const title = el('div', { className: 'title' }, [c.name, ' ', el('small', { textContent: c.kind === 'group' ? 'กลุ่ม / group' : '1:1' })]);
    const parts = [title];
    if (c.kind === 'user') {
      const b = el('button', { type: 'button', id: 'block-toggle', className: 'secondary', textContent: c.following ? 'บล็อกบอต / Block' : 'เลิกบล็อก / Unblock' });
      b.onclick = () => run(api('/follow', 'POST', { chat: c.id, following: !c.following }).then(refresh));
      parts.push(b);
    } else {
      const members = el('div', { className: 'members' }, c.members.map((m) => {
        const x = el('button', { type: 'button', title: 'นำออก / remove', textContent: '×' });
        x.onclick = () => run(api('/group/' + c.id + '/members/' + encodeURIComponent(m.userId), 'DELETE').then(refresh));
        return el('span', { className: 'member' }, [m.name, x]);
      }));
      const input = el('input', { placeholder: 'เพิ่มสมาชิก / add member', maxLength: 40, id: 'add-member' });
      const form = el('form', { className: 'inline' }, [input, el('button', { type: 'submit', textContent: '+' })]);
      form.onsubmit = (e) => { e.preventDefault(); if (input.value.trim()) run(api('/group/' + c.id + '/members', 'POST', { name: input.value }).then(refresh)); };
      const bot = el('button', { type: 'button', id: 'bot-toggle', className: c.botIn ? 'secondary' : '', textContent: c.botIn ? 'นำบอตออก / Remove bot' : 'เชิญบอตเข้ากลุ่ม / Add bot' });
      bot.onclick = () => run(api('/group/' + c.id + '/bot', c.botIn ? 'DELETE' : 'POST').then(refresh));
      parts.push(members, form, bot);
      const sp = $('speaker');
      const keep = sp.value;
      sp.replaceChildren(...c.members.map((m) => el('option', { value: m.userId, textContent: m.name })));
      if (c.members.some((m) => m.userId === keep)) sp.value = keep;
    }
    $('speaker').hidden = c.kind !== 'group';
    head.replaceChildren(...parts);
  }

  async function refresh() {
    state = await api('/chats');
    renderSide();
    renderHead();
    await poll();
  }

  function append(e) {
    const box = document.createElement('div');
    box.innerHTML = e.html;
    const node = box.firstElementChild;
    if (!node) return;
    if (e.kind === 'bot') log.querySelectorAll('[data-kind="typing"]').forEach((n) => n.remove());
    if (e.kind === 'typing') setTimeout(() => node.remove(), e.seconds * 1000);
    if (e.kind === 'unsend') {
      const target = log.querySelector('[data-seq="' + e.targetSeq + '"] .bubble-user');
      if (target) { target.textContent = 'ยกเลิกข้อความแล้ว / message unsent'; target.classList.add('unsent'); }
    }
    log.append(node);
    log.scrollTop = log.scrollHeight;
  }

  async function poll() {
    if (!current || polling) return;
    polling = true;
    const asked = current;
    try {
      const r = await api('/transcript?chat=' + encodeURIComponent(asked) + '&since=' + lastSeq);
      if (asked !== current) return;
      for (const e of r.entries) if (e.seq > lastSeq) { append(e); lastSeq = e.seq; }
    } catch (err) {
      toast(err.message);
    } finally {
      polling = false;
    }
  }

  async function select(id) {
    current = id;
    lastSeq = 0;
    log.replaceChildren();
    history.replaceState(null, '', '#chat=' + id);
    renderSide();
    renderHead();
    await poll();
  }

  // The bot answers from its inbox a moment after an action: look again shortly after it, not
  // only at the next regular poll, so the answer shows as soon as it is there.
  const pollSoon = () => { for (const ms of [120, 300]) setTimeout(poll, ms); return poll(); };
  const open = (name) => run(api('/open', 'POST', { name }).then(async (r) => { await refresh(); await select(r.chat.id); }));
  const say = (text) => run(api('/say', 'POST', { chat: current, as: speaker(), text }).then(pollSoon));
  const postback = (data, displayText, params) =>
    run(api('/postback', 'POST', { chat: current, as: speaker(), data, displayText, params }).then(pollSoon));

  function pick(d) {
    const dialog = $('picker');
    const input = $('picker-input');
    const mode = d.mode === 'date' || d.mode === 'time' ? d.mode : 'datetime';
    input.type = mode === 'datetime' ? 'datetime-local' : mode;
    input.value = d.initial || '';
    input.min = d.min || '';
    input.max = d.max || '';
    dialog.onclose = () => {
      if (dialog.returnValue === 'ok' && input.value) postback(d.data || '', undefined, { [mode]: input.value });
    };
    dialog.showModal();
  }

  function act(d) {
    if (!current) return;
    if (d.action === 'message' && d.text) return say(d.text);
    if (d.action === 'postback') return postback(d.data || '', d.displayText || undefined);
    if (d.action === 'datetimepicker') return pick(d);
    if (d.action === 'clipboard') return run(navigator.clipboard.writeText(d.clipboardText || '').then(() => toast('คัดลอกแล้ว / copied')));
    if (d.action === 'uri' && d.uri) return window.open(d.uri, '_blank', 'noopener');
  }

  log.addEventListener('click', (e) => {
    const target = e.target.closest('.lc-action');
    if (!target || target.tagName === 'A') return;
    e.preventDefault();
    act(target.dataset);
  });
  log.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.matches('[role=button].lc-action')) act(e.target.dataset);
  });
  $('personas').addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (b && b.dataset.name) open(b.dataset.name);
  });
  $('persona-form').onsubmit = (e) => {
    e.preventDefault();
    const name = e.target.elements.name.value.trim();
    if (name) { open(name); e.target.reset(); }
  };
  $('group-form').onsubmit = (e) => {
    e.preventDefault();
    const members = $('group-members').value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    run(api('/group', 'POST', { name: $('group-name').value, members }).then(async (r) => {
      $('group-name').value = '';
      await refresh();
      await select(r.chat.id);
    }));
  };
  $('composer').onsubmit = (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text.trim() || !current) return;
    run(api('/say', 'POST', { chat: current, as: speaker(), text }).then(() => { $('text').value = ''; return pollSoon(); }));
  };
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('composer').requestSubmit(); }
  });
  // A photo or file goes as multipart/form-data; one over the limit is refused here, before
  // the browser uploads megabytes the server would refuse anyway.
  const upload = (kind, input) => {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file || !current) return;
    const limits = state.limits || {};
    const max = Math.min(kind === 'image' ? limits.imageBytes : limits.fileBytes, limits.totalBytes);
    if (file.size > max) {
      const mb = (max / 1048576).toFixed(1) + ' MB';
      return toast(kind === 'image' ? 'รูปภาพใหญ่เกิน ' + mb + ' / The photo is over ' + mb : 'ไฟล์ใหญ่เกิน ' + mb + ' / The file is over ' + mb);
    }
    const body = new FormData();
    body.append('chat', current);
    const as = speaker();
    if (as) body.append('as', as);
    body.append('file', file, file.name);
    run(api('/' + kind, 'POST', body).then(pollSoon));
  };
  $('send-photo').onchange = (e) => upload('image', e.target);
  $('send-file').onchange = (e) => upload('file', e.target);
  $('unsend').onclick = () => run(api('/unsend', 'POST', { chat: current, as: speaker() }).then(pollSoon));

  setInterval(poll, 700);
  // Another tab or the terminal chat may change chats too; never rebuild controls being used.
  const busy = () => $('chat-head').contains(document.activeElement) || document.activeElement === $('speaker');
  setInterval(() => run(api('/chats').then((s) => { state = s; renderSide(); if (!busy()) renderHead(); })), 4000);
  run(refresh().then(() => {
    const m = /chat=([UC][0-9a-f]{32})/.exec(location.hash);
    if (m && state.chats.some((c) => c.id === m[1])) return select(m[1]);
    // A newcomer's first move is to type: start in a 1:1 chat with the first persona.
    const first = document.querySelector('#personas button');
    if (first && first.dataset.name) return open(first.dataset.name);
  }));
})();
`
