# The examples, installed for the SDK's users under $(docdir)/examples/
# (/usr/share/doc/mlk-sdk/examples/ in the Debian package): each folder
# builds where it is copied to, against the installed SDK only
# (tests/sdk/build-systems.test builds them from an install).
exdir = $(docdir)/examples
dist_ex_DATA = examples/README.md
exhellodir = $(exdir)/hello
dist_exhello_DATA = examples/hello/hello.c examples/hello/Makefile \
	examples/hello/README.md
exechoserverdir = $(exdir)/echo-server
dist_exechoserver_DATA = examples/echo-server/echo-server.c \
	examples/echo-server/echo.h examples/echo-server/Makefile \
	examples/echo-server/README.md
exechoclientdir = $(exdir)/echo-client
dist_exechoclient_DATA = examples/echo-client/echo-client.c \
	examples/echo-client/Makefile examples/echo-client/README.md
excrashdir = $(exdir)/crash
dist_excrash_DATA = examples/crash/crash.c examples/crash/Makefile \
	examples/crash/README.md
exkvdir = $(exdir)/kv
dist_exkv_DATA = examples/kv/kv.h examples/kv/kv-server.c \
	examples/kv/kv-test.c examples/kv/Makefile examples/kv/CMakeLists.txt \
	examples/kv/meson.build examples/kv/README.md
extcpechodir = $(exdir)/tcp-echo
dist_extcpecho_DATA = examples/tcp-echo/tcp-echo.c \
	examples/tcp-echo/Makefile examples/tcp-echo/README.md
exhttpddir = $(exdir)/httpd
dist_exhttpd_DATA = examples/httpd/httpd.c examples/httpd/request.c \
	examples/httpd/reply.c examples/httpd/http.h examples/httpd/httpd.h \
	examples/httpd/Makefile examples/httpd/README.md
