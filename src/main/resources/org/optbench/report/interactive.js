// The report page's interactive curves (drawn with uPlot, inlined above) and sortable tables.
// Each <div class="iplot" data-src="ID"> reads its data from <script type="application/json"
// id="ID">. Errors are counted in #interactive-check so the browser test can see them.
(function () {
  'use strict';
  // Filled from the page's first script on, so an error in the inlined library counts too.
  var errors = window.optbenchErrors || [];
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.join.call(arguments, ' '));
    consoleError.apply(console, arguments);
  };
  var AXIS_LABELS = {
    iteration: 'iteration [steps]',
    epoch: 'epoch [passes over the training set]',
    seconds: 'training time [s]'
  };
  var plots = [];
  // Lowest value a log y axis shows (see the y scale below).
  var LOG_FLOOR = 1e-12;

  // Compact tick labels: 1e-6 rather than 0.000001 on a log axis that spans many decades.
  function tick(v) {
    if (v === null || v === undefined) { return ''; }
    var a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(0)
        : String(+v.toPrecision(6));
  }

  function tableOf(spec, state) {
    var tables = spec.series.map(function (s) {
      var xs = s.x[state.axis] || [];
      var ys = s.y.map(function (v) { return v === null || (state.log && !(v > 0)) ? null : v; });
      // uPlot.join needs increasing x without gaps in x itself.
      var kx = [], ky = [];
      for (var i = 0; i < xs.length; i++) {
        if (xs[i] !== null && (kx.length === 0 || xs[i] > kx[kx.length - 1])) {
          kx.push(xs[i]);
          ky.push(ys[i]);
        }
      }
      return [kx, ky];
    });
    return uPlot.join(tables);
  }

  function wheelZoom() {
    return {
      hooks: {
        ready: function (u) {
          u.over.addEventListener('wheel', function (e) {
            e.preventDefault();
            var x = u.posToVal(e.offsetX, 'x');
            var min = u.scales.x.min, max = u.scales.x.max;
            var f = e.deltaY < 0 ? 0.8 : 1.25;
            u.setScale('x', { min: x - (x - min) * f, max: x + (max - x) * f });
          }, { passive: false });
          // Shift + drag pans along x (a plain drag zooms to the box).
          u.over.addEventListener('mousedown', function (e) {
            if (!e.shiftKey) { return; }
            e.stopPropagation();
            e.preventDefault();
            var left0 = e.clientX, min0 = u.scales.x.min, max0 = u.scales.x.max;
            var perPx = (max0 - min0) / u.bbox.width * (window.devicePixelRatio || 1);
            function move(m) {
              var d = (m.clientX - left0) * perPx;
              u.setScale('x', { min: min0 - d, max: max0 - d });
            }
            function up() {
              document.removeEventListener('mousemove', move);
              document.removeEventListener('mouseup', up);
            }
            document.addEventListener('mousemove', move);
            document.addEventListener('mouseup', up);
          }, true);
        }
      }
    };
  }

  function create(p) {
    if (p.u) { p.u.destroy(); }
    var spec = p.spec, state = p.state;
    var series = [{ label: AXIS_LABELS[state.axis] }];
    spec.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: s.color,
        width: s.mean ? 2 : 1,
        dash: s.mean ? undefined : [4, 3],
        alpha: s.mean ? 1 : 0.6,
        spanGaps: true,
        show: !state.hidden[i],
        points: { show: false }
      });
    });
    var width = Math.max(320, Math.min(1100, p.el.clientWidth || 900));
    var opts = {
      width: width,
      height: 420,
      series: series,
      scales: {
        x: { time: false },
        // uPlot's log axis cannot place ticks far below 1e-12 (its table of decimals ends): the
        // axis stops there and smaller values lie below the bottom edge.
        y: state.log ? {
          distr: 3,
          range: function (u, min, max) {
            var r = uPlot.rangeLog(Math.max(min, LOG_FLOOR), Math.max(max, LOG_FLOOR), 10, true);
            return [Math.max(r[0], LOG_FLOOR), r[1]];
          }
        } : { distr: 1 }
      },
      axes: [{ label: AXIS_LABELS[state.axis] }, {
        label: spec.yLabel,
        size: 70,
        values: function (u, splits) { return splits.map(tick); }
      }],
      cursor: { drag: { x: true, y: true, uni: 20 } },
      legend: { live: true },
      plugins: [wheelZoom()],
      hooks: {
        setSeries: [function (u, i, o) {
          if (i !== null && o && o.show !== undefined) { state.hidden[i - 1] = !o.show; }
        }]
      }
    };
    p.u = new uPlot(opts, tableOf(spec, state), p.el);
  }

  function controls(p) {
    var bar = document.createElement('div');
    bar.className = 'iplot-controls';
    var select = document.createElement('select');
    select.setAttribute('aria-label', 'x axis');
    p.spec.axes.forEach(function (a) {
      var o = document.createElement('option');
      o.value = a;
      o.textContent = 'x: ' + a;
      select.appendChild(o);
    });
    select.addEventListener('change', function () { p.state.axis = select.value; create(p); });
    var log = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = p.state.log;
    box.addEventListener('change', function () { p.state.log = box.checked; create(p); });
    log.appendChild(box);
    log.appendChild(document.createTextNode(' log y'));
    var seeds = document.createElement('button');
    seeds.type = 'button';
    seeds.textContent = 'seeds on/off';
    seeds.addEventListener('click', function () {
      var anyShown = p.spec.series.some(function (s, i) { return !s.mean && !p.state.hidden[i]; });
      p.spec.series.forEach(function (s, i) {
        if (!s.mean) { p.u.setSeries(i + 1, { show: !anyShown }); }
      });
    });
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.textContent = 'reset zoom';
    reset.addEventListener('click', function () { create(p); });
    [select, log, seeds, reset].forEach(function (c) { bar.appendChild(c); });
    p.el.parentNode.insertBefore(bar, p.el);
    p.select = select;
    p.logBox = box;
  }

  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      th.classList.add('sortable');
      th.title = 'click to sort';
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var numeric = th.classList.contains('num');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col] ? a.cells[col].textContent.trim() : '';
          var y = b.cells[col] ? b.cells[col].textContent.trim() : '';
          var c;
          if (numeric) {
            var nx = parseFloat(x), ny = parseFloat(y);
            // Cells without a number ('-') go last either way.
            if (isNaN(nx) || isNaN(ny)) { return isNaN(nx) - isNaN(ny); }
            c = nx - ny;
          } else {
            c = x.localeCompare(y);
          }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function signature(p) {
    var canvas = p.el.querySelector('canvas');
    var text = canvas ? canvas.toDataURL() : '';
    var h = 5381;
    for (var i = 0; i < text.length; i++) { h = ((h * 33) ^ text.charCodeAt(i)) >>> 0; }
    var shown = p.u.series.filter(function (s, i) { return i > 0 && s.show; }).length;
    return h.toString(16) + '/' + shown + '/' + p.state.axis + '/' + p.state.log;
  }

  function later(f) { return new Promise(function (r) { setTimeout(function () { f(); r(); }, 50); }); }

  // Scripted interaction for the browser test: hide the first series, then switch the x axis
  // of the first plot, then its y scale, recording what is drawn after each step.
  function selfTest(check) {
    var p = plots[0];
    var steps = [];
    return later(function () { steps.push(signature(p)); })
      .then(function () { return later(function () { p.u.setSeries(1, { show: false }); }); })
      .then(function () { return later(function () { steps.push(signature(p)); }); })
      .then(function () {
        return later(function () {
          p.select.value = p.spec.axes[p.spec.axes.length - 1];
          p.select.dispatchEvent(new Event('change'));
        });
      })
      .then(function () { return later(function () { steps.push(signature(p)); }); })
      .then(function () {
        return later(function () {
          p.logBox.checked = !p.logBox.checked;
          p.logBox.dispatchEvent(new Event('change'));
        });
      })
      .then(function () {
        return later(function () {
          steps.push(signature(p));
          check.setAttribute('data-steps', steps.join(' '));
        });
      });
  }

  function start() {
    var check = document.getElementById('interactive-check');
    try {
      Array.prototype.forEach.call(document.querySelectorAll('.iplot'), function (el) {
        var spec = JSON.parse(document.getElementById(el.getAttribute('data-src')).textContent);
        var p = {
          el: el,
          spec: spec,
          state: {
            axis: spec.axes[0],
            log: spec.log,
            hidden: spec.series.map(function (s) { return !s.show; })
          }
        };
        controls(p);
        try {
          create(p);
          plots.push(p);
        } catch (e) {
          // One plot that cannot be drawn must not stop the others.
          errors.push(el.id + ': ' + String(e && e.stack || e));
        }
      });
      Array.prototype.forEach.call(document.querySelectorAll('table.data'), sortable);
    } catch (e) {
      errors.push(String(e && e.stack || e));
    }
    var done = location.hash === '#interaction-test' && plots.length > 0
        ? selfTest(check).catch(function (e) { errors.push(String(e)); }) : Promise.resolve();
    done.then(function () {
      check.setAttribute('data-plots', String(document.querySelectorAll('.iplot canvas').length));
      check.setAttribute('data-errors', String(errors.length));
      check.setAttribute('data-error-text', errors.join(' | '));
      check.setAttribute('data-state', 'done');
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
