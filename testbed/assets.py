"""Static files of the portals: images, style sheets and the list scripts.

The scripts are what real portals run in the browser: TRS's
`createPageHTML` writes the pager, Hanweb's jpage splits the records of its
`<script type="text/xml">` datastore into pages and asks the data proxy for
further groups, and the single-page style fetches its entries as JSON.
"""

from __future__ import annotations

import struct
import zlib


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        payload = kind + data
        return (
            struct.pack(">I", len(data))
            + payload
            + struct.pack(">I", zlib.crc32(payload))
        )

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


LOGO_PNG = _png(8, 8, (180, 20, 20))
CONAC_PNG = _png(6, 8, (220, 30, 30))

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".png": "image/png",
    ".xls": "application/vnd.ms-excel",
    ".doc": "application/msword",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}


def content_type_of(path: str) -> str:
    """The content type a web server gives a file path."""
    for suffix, content_type in CONTENT_TYPES.items():
        if path.endswith(suffix):
            return content_type
    return "application/octet-stream"


BASE_CSS = """
body{margin:0;font:14px/1.7 "Microsoft YaHei",SimSun,sans-serif;color:#333}
a{color:#333;text-decoration:none}a:hover{color:#c00}
.w{width:1000px;margin:0 auto}
.top-bar{background:#f3f3f3;font-size:12px;line-height:28px}
.header{background:#b71c1c;color:#fff;padding:12px 0}
.header .logo img{vertical-align:middle}.site-name{display:inline;margin-left:12px}
.nav{background:#8e1111}.nav ul{list-style:none;padding:0;margin:0 auto;overflow:hidden}
.nav li{float:left}.nav a{display:block;color:#fff;padding:0 18px;line-height:40px}
.nav li.on a{background:#5d0b0b}
.main{width:1000px;margin:10px auto;overflow:hidden}
.side{float:left;width:230px}.content{float:right;width:750px}
.catalogue h3{background:#b71c1c;color:#fff;margin:0;padding:6px 10px}
.catalogue h3 a{color:#fff}.tree li.folder>span{font-weight:bold}
.position{font-size:12px;color:#666;padding:6px 0}
.list{list-style:none;padding:0}.list li{border-bottom:1px dashed #ddd;line-height:32px}
.list li span{float:right;color:#999}
.block{width:480px;float:left;margin:0 10px 10px 0}
.block-title{border-bottom:2px solid #b71c1c;overflow:hidden}
.block-title h3{float:left;margin:0}.block-title .more{float:right;font-size:12px}
.headline{font-size:22px;text-align:center;padding:12px 0}
.gs-table,.xxgk-table{border-collapse:collapse;width:100%}
.gs-table th,.gs-table td,.xxgk-table td,.xxgk-table th{border:1px solid #ddd;padding:4px 8px}
.footer{background:#eee;font-size:12px;text-align:center;padding:12px 0;clear:both}
.conac{float:left}.pager a,.pager span{margin:0 4px}
"""

TRS_PAGE_JS = """
/* TRS WCM list pager: pages are index.html, index_1.html, ... */
function createPageHTML(countPage, currentPage, prefix, suffix) {
  if (countPage <= 1) { return; }
  function pageName(index) {
    return index === 0 ? prefix + "." + suffix : prefix + "_" + index + "." + suffix;
  }
  var html = ["<span>共" + countPage + "页</span>"];
  if (currentPage > 0) {
    html.push('<a href="' + pageName(0) + '">首页</a>');
    html.push('<a href="' + pageName(currentPage - 1) + '">上一页</a>');
  } else {
    html.push("<span>首页</span><span>上一页</span>");
  }
  if (currentPage < countPage - 1) {
    html.push('<a href="' + pageName(currentPage + 1) + '">下一页</a>');
    html.push('<a href="' + pageName(countPage - 1) + '">尾页</a>');
  } else {
    html.push("<span>下一页</span><span>尾页</span>");
  }
  document.write('<div class="pager">' + html.join("") + "</div>");
}
"""

HANWEB_JPAGE_JS = """
/* Hanweb jpage: the first group of records sits in the page's text/xml
   datastore; further groups come from the data proxy by startrecord and
   endrecord. Records are shown perpage at a time. */
var jpage = (function () {
  function recordsOf(xml) {
    var out = [], re = /<record><!\\[CDATA\\[([\\s\\S]*?)\\]\\]><\\/record>/g, m;
    while ((m = re.exec(xml)) !== null) { out.push(m[1]); }
    return out;
  }
  function tagValue(xml, tag) {
    var m = new RegExp("<" + tag + ">(\\\\d+)</" + tag + ">").exec(xml);
    return m ? parseInt(m[1], 10) : 0;
  }
  function init(options) {
    var box = document.getElementById(options.unitid);
    var xml = box.querySelector('script[type="text/xml"]').textContent;
    var state = {records: recordsOf(xml), total: tagValue(xml, "totalrecord"),
                 perpage: options.perpage, page: 1, options: options};
    var list = document.createElement("ul");
    list.className = "list";
    var pager = document.createElement("div");
    pager.className = "pager";
    box.appendChild(list);
    box.appendChild(pager);
    show(state, list, pager);
  }
  function load(state, start, end, done) {
    var o = state.options, xhr = new XMLHttpRequest();
    var query = "startrecord=" + start + "&endrecord=" + end + "&perpage=" + o.perpage;
    xhr.open("POST", o.proxy + "?" + query, true);
    xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
    xhr.onload = function () {
      var more = recordsOf(xhr.responseText);
      for (var i = 0; i < more.length; i++) { state.records[start - 1 + i] = more[i]; }
      done();
    };
    xhr.send("col=1&appid=1&webid=" + o.webid + "&path=%2F&columnid=" + o.columnid +
             "&sourceContentType=1&unitid=" + o.unitid + "&webname=" +
             encodeURIComponent(o.webname) + "&permissiontype=0");
  }
  function show(state, list, pager) {
    var first = (state.page - 1) * state.perpage;
    if (state.total > first && !state.records[first]) {
      var group = state.perpage * state.options.groupsize;
      load(state, first + 1, Math.min(first + group, state.total),
           function () { show(state, list, pager); });
      return;
    }
    var html = state.records.slice(first, first + state.perpage).join("");
    list.innerHTML = html || '<li class="nodata">暂无信息</li>';
    var pages = Math.max(1, Math.ceil(state.total / state.perpage));
    pager.innerHTML = "";
    for (var p = 1; p <= pages && pages > 1; p++) {
      var a = document.createElement("a");
      a.href = "javascript:void(0)";
      a.textContent = String(p);
      a.setAttribute("data-page", String(p));
      a.onclick = function () {
        state.page = parseInt(this.getAttribute("data-page"), 10);
        show(state, list, pager);
      };
      pager.appendChild(a);
    }
  }
  return {init: init};
})();
"""

SPA_APP_JS = """
/* Lists of the single-page portal: every element with data-api is filled
   from the JSON list endpoint, {total, pages, page, items: [{title, url, date}]}. */
(function () {
  function render(box, page) {
    var api = box.getAttribute("data-api");
    var size = box.getAttribute("data-size");
    var url = api + "&page=" + page + (size ? "&size=" + size : "");
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      var list = document.createElement("ul");
      list.className = "list";
      if (!data.items.length) {
        var none = document.createElement("li");
        none.className = "nodata";
        none.textContent = "暂无信息";
        list.appendChild(none);
      }
      data.items.forEach(function (item) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = item.url;
        a.title = item.title;
        a.textContent = item.title;
        li.appendChild(a);
        var span = document.createElement("span");
        span.textContent = item.date || "";
        li.appendChild(span);
        list.appendChild(li);
      });
      box.innerHTML = "";
      box.appendChild(list);
      if (box.hasAttribute("data-pager") && data.pages > 1) {
        var pager = document.createElement("div");
        pager.className = "pager";
        for (var p = 1; p <= data.pages; p++) {
          var a2 = document.createElement("a");
          a2.href = "javascript:void(0)";
          a2.textContent = String(p);
          a2.setAttribute("data-page", String(p));
          a2.onclick = function () { render(box, parseInt(this.getAttribute("data-page"), 10)); };
          pager.appendChild(a2);
        }
        box.appendChild(pager);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-api]");
    for (var i = 0; i < boxes.length; i++) { render(boxes[i], 1); }
  });
})();
"""
