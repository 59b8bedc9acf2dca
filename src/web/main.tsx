// The entry: which app a page loads. The public notice (F-05) is opened from a QR code on a phone,
// without login: it gets React and its own small page only (bundled here, a few kB), not the
// console's antd, router and query cache, which load only for every other address.
import { mountNotice } from './notice-main';
import { noticeAddress } from './pages/public/notice-address';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const notice = noticeAddress(window.location.pathname);
if (notice) mountNotice(container, notice);
else void import('./app-main').then((m) => m.mountApp(container));
