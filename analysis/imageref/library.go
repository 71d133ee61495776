package imageref

import (
	"strings"
	"sync"
)

// InLibrary reports whether the reference names one of Docker Hub's
// official images, from a list kept here (Docker Hub, 2026). A bare name
// that is not one of them (FROM base, FROM myapp-builder) is most likely an
// image built locally or a named build context, not something pulled.
func (r Ref) InLibrary() bool {
	return r.Official() && libraryImages()[strings.TrimPrefix(r.Path, "library/")]
}

var libraryImages = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, name := range strings.Fields(`
		adminer aerospike almalinux alpine amazoncorretto amazonlinux api-firewall arangodb archlinux
		backdrop bash bonita buildpack-deps busybox caddy cassandra centos chronograf cirros clearlinux
		clefos clojure composer consul convertigo couchbase couchdb crate dart debian docker drupal
		eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang fedora flink fluentd
		friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world
		hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi jetty joomla jruby julia kapacitor
		kibana kong krakend lightstreamer liquibase logstash mageia mariadb matomo maven mediawiki
		memcached mongo mongo-express monica mono mysql nats neo4j neurodebian nextcloud nginx node
		notary nuxeo odoo open-liberty openjdk oraclelinux orientdb percona perl photon php
		php-zendserver phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star
		redis redmine registry rethinkdb rocket.chat rockylinux ros ruby rust sapmachine satosa scratch
		silverpeas solr sonarqube spark spiped storm swift swipl teamspeak telegraf tomcat tomee traefik
		ubuntu unit varnish websphere-liberty wordpress xwiki yourls znc zookeeper
	`) {
		m[name] = true
	}
	return m
})
