// The entry: which app a page loads. The public notice (F-05) is opened from a QR code on a phone,
// without login: it loads React, the dictionaries and its own small chunk, not the console's antd,
// router and query cache. Every other address loads the whole app (app-main.tsx).
//
// Each import sits in a function of its own: written as one if/else, the bundler's minifier merged the
// two preload calls and the notice preloaded the console's chunks too.
import { type NoticeAddress, noticeAddress } from './pages/public/notice-address';

function loadNotice(root: HTMLElement, address: NoticeAddress) {
  return import('./notice-main').then((m) => m.mountNotice(root, address));
}

function loadApp(root: HTMLElement) {
  return import('./app-main').then((m) => m.mountApp(root));
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const notice = noticeAddress(window.location.pathname);
if (notice) void loadNotice(container, notice);
else void loadApp(container);
