// An nginx.conf for one server block, run in the foreground from a temp dir
// (its pid, logs and temp paths there), as the e2e suite and the load test
// start Debian's nginx in front of Prometheus or an exporter.

export const NGINX = '/usr/sbin/nginx';

export function nginxConf(dir: string, server: string): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${server}
}
`;
}

/** A server block answering `/metrics` from `upstream` with the CORS headers README tells users to add. */
export function corsMetricsServer(listen: number, upstream: number): string {
  return `  server {
    listen 127.0.0.1:${listen};
    location /metrics {
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin $http_origin always;
        add_header Access-Control-Allow-Headers "Accept, Authorization" always;
        return 204;
      }
      add_header Access-Control-Allow-Origin $http_origin always;
      add_header Vary Origin always;
      proxy_pass http://127.0.0.1:${upstream};
    }
  }`;
}
