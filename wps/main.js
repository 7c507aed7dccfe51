/*
 * 绩效自评助手 · WPS 加载项入口。WPS 在加载项目录里自己生成 index.html 并加载本文件；
 * 本文件同步加载 ribbon.js，使 ribbon.xml 的 onLoad 触发时 window.ribbon 已经存在。
 * Entry of the WPS add-in: WPS makes its own index.html in this folder and loads this file, which loads
 * ribbon.js synchronously so that window.ribbon exists when ribbon.xml's onLoad fires.
 */
/* eslint-disable no-undef */
document.write('<script type="text/javascript" src="ribbon.js"></script>');
