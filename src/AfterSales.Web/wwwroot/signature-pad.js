(function () {
  var form = document.getElementById('confirm');
  var canvas = document.getElementById('pad');
  var ctx = canvas.getContext('2d');
  var error = document.getElementById('error');
  var button = document.getElementById('submit');
  var drawn = 0, last = null;
  function size() {
    var ratio = Math.min(window.devicePixelRatio || 1, 3);
    var rect = canvas.getBoundingClientRect();
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 2.6; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#111';
    drawn = 0;
  }
  function point(e) { var r = canvas.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; }
  canvas.addEventListener('pointerdown', function (e) { e.preventDefault(); error.textContent = ''; canvas.setPointerCapture(e.pointerId); last = point(e);
    ctx.beginPath(); ctx.arc(last.x, last.y, 1.2, 0, 2 * Math.PI); ctx.fillStyle = '#111'; ctx.fill(); });
  canvas.addEventListener('pointermove', function (e) { if (!last) return; e.preventDefault(); var p = point(e);
    ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(p.x, p.y); ctx.stroke();
    drawn += Math.abs(p.x - last.x) + Math.abs(p.y - last.y); last = p; });
  ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (t) { canvas.addEventListener(t, function () { last = null; }); });
  document.getElementById('clear').addEventListener('click', function () { ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = 0; });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    error.textContent = '';
    var rating = form.querySelector('input[name=rating]:checked');
    if (!rating) { error.textContent = form.dataset.needRating; return; }
    if (drawn < 30) { error.textContent = form.dataset.needSignature; return; }
    button.disabled = true; button.textContent = form.dataset.submitting;
    fetch(form.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rating: rating.value, comment: form.comment.value, signature: canvas.toDataURL('image/png') })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (body.page) { window.location.replace(body.page); return; }
        error.textContent = body.message || form.dataset.networkError;
        button.disabled = false; button.textContent = form.dataset.submitLabel;
      });
    }).catch(function () {
      error.textContent = form.dataset.networkError;
      button.disabled = false; button.textContent = form.dataset.submitLabel;
    });
  });
  window.addEventListener('resize', function () { if (drawn === 0) size(); });
  size();
})();
