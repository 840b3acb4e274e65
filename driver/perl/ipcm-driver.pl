#!/usr/bin/perl
# ipcm-driver.pl - a driver (docs/driver-protocol.md) over the Perl library IPC::Manager, so
# ipcm's conformance suite can certify it: `ipcm certify --driver "perl driver/perl/ipcm-driver.pl"`.
#
# It reads one JSON request a line on stdin and writes one JSON answer a line on stdout, one
# request at a time. It only translates: every operation is the library's own call, and every
# error the library raises is classified by its text (see error_kind) and passed on. It adds no
# checks of its own, because what it certifies is the library, not this script.
#
# IPC::Manager is found through @INC (PERL5LIB); /work/shared/perl-reference/env.sh sets that up.
use strict;
use warnings;

use Cpanel::JSON::XS ();
use IO::Select;
use Time::HiRes qw/time sleep/;

use POSIX ();

use IPC::Manager qw/ipcm_spawn ipcm_connect ipcm_reconnect ipcm_service/;
use IPC::Manager::Message;
use IPC::Manager::Spawn;
use IPC::Manager::Service::Echo;
use IPC::Manager::Service::Handle;

use constant PROTOCOL_VERSION => 1;
use constant OP_LIMIT         => 20;    # seconds one library call may take

# Decoding as IPC::Manager's own JSON serializer decodes (no bignum), so content reaches the
# library as a Perl program using it would hold it; answers keep every digit Perl holds.
my $JSON = Cpanel::JSON::XS->new->utf8->canonical->allow_nonref->convert_blessed;

# What the driver announces: the stores of IPC::Manager 0.000038, each with the capabilities the
# library provides (the names are those of ipcm's Capability enum; docs/driver-protocol.md).
# CROSS_PROCESS is not announced: the scenarios that need it start Java child processes.
# MIXED_PAIRS is: ipcm's own protocol of each name joins the reference's stores (docs/interop.md).
my %PROTOCOLS = (
    MessageFiles   => {caps => [qw/SUSPEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    JSONFile       => {caps => [qw/SUSPEND SUSPEND_KEEPS_PID MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    AtomicPipe     => {caps => [qw/NON_BLOCKING_SEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    UnixSocket     => {caps => [qw/NON_BLOCKING_SEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/], max => 65536},
    ConnectionUnix => {caps => [qw/NON_BLOCKING_SEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    SQLite         => {caps => [qw/SUSPEND DISCONNECTED_PEERS_ADDRESSABLE MIXED_PAIRS/]},
    PostgreSQL     => {caps => [qw/SUSPEND DISCONNECTED_PEERS_ADDRESSABLE REQUIRES_SERVER MIXED_PAIRS/], server => 'IPCM_POSTGRESQL_URL'},
    # Their content column is a BLOB (65,535 bytes) in the library's schema.
    MariaDB        => {caps => [qw/SUSPEND DISCONNECTED_PEERS_ADDRESSABLE REQUIRES_SERVER CASE_INSENSITIVE_NAMES MIXED_PAIRS/], server => 'IPCM_MARIADB_URL', max => 65535},
    MySQL          => {caps => [qw/SUSPEND DISCONNECTED_PEERS_ADDRESSABLE REQUIRES_SERVER CASE_INSENSITIVE_NAMES MIXED_PAIRS/], server => 'IPCM_MYSQL_URL', max => 65535},
    # In the driver's own memory: every client of the store lives in the driver process, so the
    # suite runs on it; a client of another process (ipcm's, a mixed pair) never sees it.
    LocalMemory    => {caps => [qw/SUSPEND SUSPEND_KEEPS_PID/]},
);
my @ORDER = qw/MessageFiles JSONFile AtomicPipe UnixSocket ConnectionUnix SQLite PostgreSQL MariaDB MySQL LocalMemory/;

my %SPAWNED;    # route => IPC::Manager::Spawn, unspawned at the end if the caller did not
my %CLIENTS;    # handle => client object
# handle => name of a client that disconnected or suspended. Its object is released: each holds
# OS resources (an inotify instance on the directory stores), which a long run would exhaust.
my %LEFT;
my %SERVICES;    # service handle => {pid => the service's process, exit => its status once reaped}
my %HANDLES;     # request handle => IPC::Manager::Service::Handle
my %CREATED;     # route => the server and database this driver created for it (see fresh_database)
my $DATABASES = 0;
my %DBD = (PostgreSQL => 'Pg', MariaDB => 'MariaDB', MySQL => 'MariaDB');

my %OPS = (
    hello                => \&op_hello,
    spawn                => \&op_spawn,
    unspawn              => \&op_unspawn,
    store_exists         => \&op_store_exists,
    connect              => \&op_connect,
    send                 => \&op_send,
    send_message         => \&op_send_message,
    try_send             => \&op_try_send,
    broadcast            => \&op_broadcast,
    receive              => \&op_receive,
    ready                => sub { bool(client($_[0])->ready_messages) },
    pending              => sub { bool(client($_[0])->pending_messages) },
    requeue              => \&op_requeue,
    peers                => sub { [client($_[0])->peers] },
    peer_exists          => sub { bool(client($_[0])->peer_exists($_[0]{peer})) },
    peer_pid             => sub { my $p = client($_[0])->peer_pid($_[0]{peer}); $p ? 0 + $p : undef },
    peer_active          => \&op_peer_active,
    peer_suspend_expires => sub { my $e = client($_[0])->peer_suspend_expires($_[0]{peer}); defined $e ? 0 + $e : undef },
    peer_left            => sub { 0 + (client($_[0])->peer_left // 0) },
    suspend              => \&op_suspend,
    disconnect           => \&op_disconnect,
    stats                => sub { client($_[0])->stats },
    all_stats            => sub { client($_[0])->all_stats },
    write_stats          => sub { client($_[0])->write_stats; undef },
    drain_pending        => sub { 0 + client($_[0])->drain_pending },
    pending_sends        => \&op_pending_sends,
    send_blocking        => sub { bool(client($_[0])->send_blocking) },
    set_send_blocking    => sub { client($_[0])->set_send_blocking($_[0]{blocking} ? 1 : 0); undef },
    start_service        => \&op_start_service,
    service_status       => \&op_service_status,
    stop_service         => \&op_stop_service,
    open_handle          => \&op_open_handle,
    handle_ready         => \&op_handle_ready,
    send_request         => sub { my $h = service_handle($_[0]); {request_id => $h->send_request($h->service_name, $_[0]{content})} },
    response             => \&op_response,
    close_handle         => \&op_close_handle,
);

sub bool { $_[0] ? Cpanel::JSON::XS::true() : Cpanel::JSON::XS::false() }

sub client {
    my ($req) = @_;
    my $handle = $req->{client} // '';
    return $CLIENTS{$handle} if $CLIENTS{$handle};
    die {kind => 'client_closed', message => "client '$LEFT{$handle}' has disconnected or suspended; connect again"}
        if defined $LEFT{$handle};
    die {kind => 'client_closed', message => "no client '$handle' was connected through this driver"};
}

sub protocol_class {
    my ($req) = @_;
    my $name = $req->{protocol} // '';
    die {kind => 'unknown_protocol', message => "this driver has no protocol '$name'; it has @ORDER"}
        unless $PROTOCOLS{$name};
    return "IPC::Manager::Client::$name";
}

# A message as the driver protocol writes it: the envelope, the stamp with every digit Perl has.
sub msg_out {
    my ($msg) = @_;
    my %out = (map { defined $msg->{$_} ? ($_ => $msg->{$_}) : () } qw/id from to content stamp stamp_ord/);
    $out{broadcast} = bool($msg->{broadcast});
    return \%out;
}

sub build {
    my ($req) = @_;
    return client($req)->build_message(to => $req->{to}, content => $req->{content});
}

sub op_hello {
    my @protocols;
    for my $name (@ORDER) {
        my $class = "IPC::Manager::Client::$name";
        my $p = {name => $name, reference_name => $class, capabilities => $PROTOCOLS{$name}{caps}};
        $p->{max_message_bytes} = $PROTOCOLS{$name}{max} if $PROTOCOLS{$name}{max};
        my $why = why_unavailable($name, $class);
        $p->{unavailable} = $why if $why;
        push @protocols => $p;
    }
    return {
        version        => PROTOCOL_VERSION,
        name           => 'perl',
        implementation => "IPC::Manager $IPC::Manager::VERSION",
        protocols      => \@protocols,
    };
}

# Undef when the store can run here. A database store runs on the server ipcm names: the
# library's own viable() asks instead whether it could build a throwaway server of its own
# (DBIx::QuickDB), which it needs only when spawned without a database, as this driver never does.
sub why_unavailable {
    my ($name, $class) = @_;
    if (my $env = $PROTOCOLS{$name}{server}) {
        return {reason => "no $name server is configured for the driver",
            remedy => "set $env (or -Dipcm." . (lc(substr($env, 5)) =~ s/_/./gr) . ") to the server's JDBC URL or DBI DSN"}
            unless $ENV{$env};
        my $ok = eval { require_class($class); server_of($name); 1 };
        return {reason => "IPC::Manager's $name client cannot load here: $@",
            remedy => 'install what the reference needs for it (see its documentation)'} unless $ok;
        return undef;
    }
    my $viable = eval { require_class($class); $class->viable };
    return {reason => "IPC::Manager says $name is not viable here: " . ($@ || 'no reason given'),
        remedy => 'install what the reference needs for it (see its documentation)'} unless $viable;
    return undef;
}

sub require_class {
    my ($class) = @_;
    (my $file = "$class.pm") =~ s{::}{/}g;
    require $file;
}

sub op_spawn {
    my ($req) = @_;
    my $class  = protocol_class($req);
    my %params = %{$req->{params} // {}};
    my $created = fresh_database($req->{protocol}, \%params);
    my $spawn = eval { ipcm_spawn(%params, protocol => $class, serializer => $req->{serializer}, guard => 0) };
    unless ($spawn) {
        my $err = $@;
        drop_database($created) if $created;
        die $err;
    }
    $SPAWNED{$spawn->route} = $spawn;
    $CREATED{$spawn->route} = $created if $created;
    return {route => $spawn->route, info => $spawn->info};
}

sub op_unspawn {
    my ($req) = @_;
    my $class = protocol_class($req);
    my $spawn = delete $SPAWNED{$req->{route}};
    $spawn ? $spawn->unspawn : $class->unspawn($req->{route});
    my $created = delete $CREATED{$req->{route}};
    drop_database($created) if $created;
    return undef;
}

sub op_store_exists {
    my ($req) = @_;
    my $class = protocol_class($req);
    return bool(database_exists($CREATED{$req->{route}})) if $CREATED{$req->{route}};
    return bool($class->peer_exists_in_store($req->{route})) if $req->{protocol} eq 'LocalMemory';
    return bool(-e $req->{route});
}

# Database stores. The library spawns a store in an existing database (its route, a DBI DSN);
# the driver creates a fresh database for each spawn on the server ipcm passes in the
# environment (IPCM_POSTGRESQL_URL, IPCM_MARIADB_URL, IPCM_MYSQL_URL: a JDBC URL or a DBI
# DSN, as ipcm's own settings take them), writes the route as ipcm's own protocol writes it,
# and drops that database, and only that one, at unspawn.
sub server_of {
    my ($name) = @_;
    my $env = $PROTOCOLS{$name}{server} or return undef;
    my $url = $ENV{$env} // return undef;
    my %s = (dbd => $DBD{$name}, kind => $name);
    if ($url =~ m{^jdbc:\w+://\[?([^/?\]]+?)\]?(?::(\d+))?/([^?]*)(?:\?(.*))?$}) {
        @s{qw/host port db/} = ($1, $2, $3);
        my %q = map { my ($k, $v) = split(/=/, $_, 2); ($k => unescape($v // '')) } split(/&/, $4 // '');
        @s{qw/user pass/} = ($q{user} // '', $q{password} // '');
    }
    elsif ($url =~ m{^dbi:\w+:(.*)$}i) {
        my %kv = map { split(/=/, $_, 2) } split(/;/, $1);
        @s{qw/host port db user pass/} = ($kv{host}, $kv{port}, $kv{dbname} // $kv{database} // $kv{db},
            $kv{user} // '', $kv{password} // '');
    }
    else {
        die {kind => 'other', message => "$env is neither a JDBC URL nor a DBI DSN: $url"};
    }
    $s{db} ||= $name eq 'PostgreSQL' ? 'postgres' : '';
    return \%s;
}

sub unescape { my ($v) = @_; $v =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge; $v }

sub dsn_of {
    my ($server, $db) = @_;
    return "dbi:$server->{dbd}:dbname=$db" . (defined $server->{host} ? ";host=$server->{host}" : '')
        . (defined $server->{port} ? ";port=$server->{port}" : '');
}

sub admin {
    my ($server) = @_;
    require DBI;
    return DBI->connect(dsn_of($server, $server->{db}), $server->{user}, $server->{pass},
        {RaiseError => 1, PrintError => 0, AutoCommit => 1});
}

sub quoted { my ($server, $db) = @_; $server->{kind} eq 'PostgreSQL' ? qq{"$db"} : "`$db`" }

sub fresh_database {
    my ($name, $params) = @_;
    my $server = server_of($name) or return undef;
    return undef if $params->{route};
    my $db = sprintf('ipcm_perl_%d_%d_%d', time, $$, ++$DATABASES);
    my $dbh = admin($server);
    $dbh->do('CREATE DATABASE ' . quoted($server, $db));
    $dbh->disconnect;
    $params->{route} = dsn_of($server, $db);
    $params->{user}  = $server->{user};
    $params->{pass}  = $server->{pass};
    return {server => $server, db => $db};
}

sub database_exists {
    my ($created) = @_;
    my $dbh = admin($created->{server});
    my $sql = $created->{server}{kind} eq 'PostgreSQL'
        ? 'SELECT 1 FROM pg_database WHERE datname = ?'
        : 'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?';
    my ($found) = $dbh->selectrow_array($sql, undef, $created->{db});
    $dbh->disconnect;
    return $found;
}

# PostgreSQL refuses to drop a database others are connected to: WITH (FORCE) ends their
# sessions, as a store destroyed under its clients ends them on every store.
sub drop_database {
    my ($created) = @_;
    my $dbh = admin($created->{server});
    my $force = $created->{server}{kind} eq 'PostgreSQL' ? ' WITH (FORCE)' : '';
    $dbh->do('DROP DATABASE IF EXISTS ' . quoted($created->{server}, $created->{db}) . $force);
    $dbh->disconnect;
}

sub op_connect {
    my ($req) = @_;
    die {kind => 'other', message => "the handle '$req->{client}' is in use"}
        if $CLIENTS{$req->{client}} || $LEFT{$req->{client}};
    my $con = $req->{reconnect} ? ipcm_reconnect($req->{name}, $req->{info}) : ipcm_connect($req->{name}, $req->{info});
    $CLIENTS{$req->{client}} = $con;
    return {pid => 0 + $con->pid};
}

sub op_send {
    my ($req) = @_;
    my $msg = build($req);
    client($req)->send_message($msg);
    return msg_out($msg);
}

sub op_send_message {
    my ($req) = @_;
    my $con = client($req);
    my $msg = IPC::Manager::Message->new(%{$req->{message}});
    $con->send_message($msg);
    return msg_out($msg);
}

sub op_try_send {
    my ($req) = @_;
    my $msg = build($req);
    my $delivered = client($req)->try_send_message($msg);
    return {queued => bool(!$delivered), message => msg_out($msg)};
}

sub op_broadcast {
    my ($req) = @_;
    my $res = client($req)->broadcast($req->{content});
    return {map { ($_ => {sent => bool($res->{$_}{sent}), (defined $res->{$_}{error} ? (error => "$res->{$_}{error}") : ())}) } keys %$res};
}

# get_messages; when nothing is there and the caller allows a wait, wait as a user of the
# library would (on its select handles when it has them), then look once more. The wait ends
# early when the next request arrives: this driver answers one request at a time, and a sender
# queued behind a waiting receiver would otherwise wait out the whole slice for nothing.
sub op_receive {
    my ($req) = @_;
    my $con  = client($req);
    my @msgs = $con->get_messages;
    my $wait = $req->{wait} // 0;
    if (!@msgs && $wait > 0 && !request_buffered()) {
        my $select = IO::Select->new(\*STDIN);
        $select->add($con->handles_for_select) if $con->have_handles_for_select;
        $select->can_read($wait);
        @msgs = $con->get_messages;
    }
    return [map { msg_out($_) } @msgs];
}

sub op_requeue {
    my ($req) = @_;
    my $con = client($req);
    $con->requeue_message(IPC::Manager::Message->new(%$_)) for @{$req->{messages} // []};
    return undef;
}

sub op_peer_active {
    my ($req) = @_;
    my $con = client($req);
    # The library's timeout 0 means "wait forever": a request without a wait asks once.
    my $wait = $req->{wait};
    return bool($wait && $wait > 0 ? $con->peer_active($req->{peer}, $wait) : $con->peer_active($req->{peer}));
}

sub op_suspend {
    my ($req) = @_;
    my $con = client($req);
    $con->suspend(defined $req->{expires_at} ? (expires_at => $req->{expires_at}) : ());
    $LEFT{$req->{client}} = (delete $CLIENTS{$req->{client}})->id;
    return undef;
}

sub op_disconnect {
    my ($req) = @_;
    my $con = client($req);
    my @handed;
    my $ok = eval {
        $con->disconnect($req->{handler} ? sub { push @handed => @{$_[1]} } : ());
        1;
    };
    my $err = $@;
    $LEFT{$req->{client}} = (delete $CLIENTS{$req->{client}})->id;
    die $err if !$ok && ref($err);
    die {kind => error_kind("$err"), message => "$err", client => $con->id} unless $ok;
    return [map { msg_out($_) } @handed];
}

sub op_pending_sends {
    my ($req) = @_;
    my $con = client($req);
    return 0 + (defined $req->{peer} ? $con->pending_sends_to($req->{peer}) : $con->pending_sends);
}

# Services: the library's own ipcm_service and Service::Handle, so what crosses the store is
# what a Perl program's requests and answers are.

# The library's Echo, started by ipcm_service: it forks, and the child runs the service until a
# terminate message. The child must not write on stdout, which carries this driver's answers.
sub op_start_service {
    my ($req) = @_;
    my $id = $req->{service} // '';
    die {kind => 'other', message => "the service handle '$id' is in use"} if $SERVICES{$id};
    die {kind => 'not_supported', message => "this driver starts only the 'echo' service, not '" . ($req->{kind} // '') . "'"}
        unless ($req->{kind} // '') eq 'echo';
    my $handle = ipcm_service($req->{name},
        class     => 'IPCMDriver::Echo',
        ipcm_info => $req->{info},
        timeout   => $req->{timeout} || 10,
    );
    # The library's handle names itself after this process; it only waited for readiness.
    eval { $handle->client->disconnect(sub { }); 1 } or warn $@;
    $SERVICES{$id} = {pid => $handle->child_pid};
    return {pid => 0 + $handle->child_pid};
}

sub service_entry {
    my ($req) = @_;
    my $id = $req->{service} // '';
    return $SERVICES{$id} // die {kind => 'other', message => "no service '$id' was started through this driver"};
}

# Without waiting: whether the service's process has ended, and how.
sub op_service_status {
    my ($req) = @_;
    my $svc = service_entry($req);
    reap($svc);
    return {running => bool(!defined $svc->{exit}), exit => $svc->{exit}};
}

sub reap {
    my ($svc) = @_;
    return if defined $svc->{exit};
    my $got = waitpid($svc->{pid}, POSIX::WNOHANG());
    $svc->{exit} = $? >> 8 if $got == $svc->{pid};
    $svc->{exit} = -1 if $got == -1;    # not this process's child any more: nothing to report
}

sub op_stop_service {
    my ($req) = @_;
    my $svc = service_entry($req);
    reap($svc);
    unless (defined $svc->{exit}) {
        kill('KILL', $svc->{pid});
        waitpid($svc->{pid}, 0);
    }
    delete $SERVICES{$req->{service}};
    return undef;
}

sub op_open_handle {
    my ($req) = @_;
    my $id = $req->{handle} // '';
    die {kind => 'other', message => "the handle '$id' is in use"} if $HANDLES{$id};
    my $h = IPC::Manager::Service::Handle->new(
        service_name => $req->{service},
        ipcm_info    => $req->{info},
        (defined $req->{name} ? (name => $req->{name}) : ()),
    );
    $h->client;    # connect now, so a bad info string or name fails here
    $HANDLES{$id} = $h;
    return {name => $h->name};
}

sub service_handle {
    my ($req) = @_;
    my $id = $req->{handle} // '';
    return $HANDLES{$id} // die {kind => 'client_closed', message => "no handle '$id' was opened through this driver"};
}

sub op_handle_ready {
    my ($req) = @_;
    my $h = service_handle($req);
    my $wait = $req->{wait};
    # The library's timeout 0 means "wait forever": a request without a wait asks once.
    return bool($wait && $wait > 0 ? $h->ready($wait) : $h->client->peer_active($h->service_name));
}

# The library's await_response, bounded by the request's short wait: null while the response has
# not arrived; the library's own error when the service went away.
sub op_response {
    my ($req) = @_;
    my $h = service_handle($req);
    my $wait = $req->{wait} && $req->{wait} > 0 ? $req->{wait} : 0.001;
    my $resp;
    my $ok = eval { $resp = $h->await_response($req->{request_id}, $wait); 1 };
    return $resp if $ok;
    my $err = $@;
    return undef if !ref($err) && $err =~ m/timed out after/;
    die $err;
}

sub op_close_handle {
    my ($req) = @_;
    my $h = delete $HANDLES{$req->{handle} // ''} or return undef;
    $h->client->disconnect(sub { });
    return undef;
}

# The library raises text; this maps its wording onto the driver protocol's error kinds
# (docs/driver-protocol.md, "Errors"). Anything not recognised is 'other', with the text.
sub error_kind {
    my ($text) = @_;
    return 'messages_waiting' if $text =~ m/Messages waiting at disconnect/;
    return 'not_supported'    if $text =~ m/is not supported|Not Implemented/;
    return 'content'          if $text =~ m/Message file '.*' already exists/;
    # The database refuses a message id: used twice (the messages table's key; a UUID-shaped
    # duplicate is a message's, a client's name is refused at connect), or not a UUID.
    return 'content'          if $text =~ m/"ipcm_messages_pkey"|Duplicate entry '[0-9A-Fa-f-]{36}' for key 'PRIMARY'|invalid input syntax for type uuid|Incorrect uuid value/;
    return 'name_taken'       if $text =~ m/already running in pid|already exists/;
    return 'no_such_peer'     if $text =~ m/peer_id is required|'peer_id' is required|must either have a 'to' or 'broadcast'/;
    return 'message_too_large' if $text =~ m/Data too long for column 'content'/;
    return 'invalid_name'     if $text =~ m/may not begin with an underscore|'id' is a required attribute|too long/;
    return 'content'          if $text =~ m/'content' is a required attribute|encountered|cannot be encoded|malformed/i;
    return 'no_such_peer'     if $text =~ m/not a valid message recipient|Client does not exist|Client '.*' does not exist|peer does not exist|is not listening|No peer specified|Message has no peer/;
    return 'store_gone'       if $text =~ m/Could not open dir|Cannot open '|Route '.*' does not exist/;
    return 'peer_gone'        if $text =~ m/went away while awaiting/;
    return 'other';
}

# Requests are read with sysread into a buffer of our own, not with <STDIN>, whose hidden buffer
# would keep a waiting request out of sight of request_buffered and of select.
my $INPUT = '';

sub next_request {
    while (1) {
        my $end = index($INPUT, "\n");
        return substr($INPUT, 0, $end + 1, '') if $end >= 0;
        my $got = sysread(STDIN, $INPUT, 65536, length($INPUT));
        next if !defined($got) && $!{EINTR};
        return length($INPUT) ? substr($INPUT, 0, length($INPUT), '') : undef unless $got;
    }
}

# True when a whole request is already read and waits its turn.
sub request_buffered { index($INPUT, "\n") >= 0 }

sub answer {
    my ($id, $ok, $payload) = @_;
    my $line = eval { $JSON->encode($ok ? {id => $id, ok => Cpanel::JSON::XS::true(), result => $payload}
            : {id => $id, ok => Cpanel::JSON::XS::false(), error => $payload}) };
    $line //= $JSON->encode({id => $id, ok => Cpanel::JSON::XS::false(),
            error => {kind => 'other', message => "the driver could not encode its answer: $@"}});
    print STDOUT $line, "\n";
    print STDERR "ipcm-driver.pl < $line\n" if $ENV{IPCM_DRIVER_TRACE};
}

sub serve {
    my ($line) = @_;
    print STDERR "ipcm-driver.pl > $line" if $ENV{IPCM_DRIVER_TRACE};
    my $req = eval { $JSON->decode($line) };
    return answer(undef, 0, {kind => 'other', message => "not a JSON request: $@"}) unless ref($req) eq 'HASH';
    my $op = $OPS{$req->{op} // ''}
        or return answer($req->{id}, 0, {kind => 'not_supported', message => "this driver has no operation '"
            . ($req->{op} // '') . "'"});
    my $result;
    my $done = eval {
        # A library call that never returns would stall every later request: it is cut off,
        # well before ipcm gives up on the answer (docs/driver-protocol.md, "Transport").
        # Re-armed each time: the library may catch the first die in an eval of its own and go on.
        local $SIG{ALRM} = sub {
            alarm(1);
            die {kind => 'other', message => "IPC::Manager did not return from '$req->{op}' within " . OP_LIMIT . " s"};
        };
        alarm(OP_LIMIT);
        $result = $op->($req);
        alarm(0);
        1;
    };
    alarm(0);
    return answer($req->{id}, 1, $result) if $done;
    my $err = $@;
    return answer($req->{id}, 0, $err) if ref($err) eq 'HASH';
    my $text = "$err";
    $text =~ s/\s+$//;
    my $error = {kind => error_kind($text), message => $text};
    # A missing peer id while connecting is the client's own name: an invalid name.
    $error->{kind} = 'invalid_name' if $error->{kind} eq 'no_such_peer' && ($req->{op} // '') eq 'connect';
    return answer($req->{id}, 0, $error);
}

# A write to a FIFO or socket whose reader has gone raises SIGPIPE, which would end the driver
# (AtomicPipe, a peer that just left): as a long-lived server would, the driver ignores it, and
# the library's write fails with EPIPE instead, which is answered as an error.
$SIG{PIPE} = 'IGNORE';
$| = 1;
binmode(STDIN);
while (defined(my $line = next_request())) {
    next unless $line =~ m/\S/;
    serve($line);
}

# stdin closed: the caller is done. Leave as a well-behaved process would.
for my $id (sort keys %HANDLES) {
    eval { $HANDLES{$id}->client->disconnect(sub { }); 1 } or warn $@;
}
%HANDLES = ();
for my $id (sort keys %SERVICES) {
    eval { op_stop_service({service => $id}); 1 } or warn $@;
}
for my $handle (sort keys %CLIENTS) {
    eval { $CLIENTS{$handle}->disconnect(sub { }); 1 } or warn $@;
}
%CLIENTS = ();
%LEFT    = ();
for my $route (sort keys %SPAWNED) {
    eval { $SPAWNED{$route}->unspawn; 1 } or warn $@;
}
exit 0;

# The library's Echo as the driver starts it. In the forked child, stdout (this driver's answers)
# goes to stderr before the service runs. When the library's loop returns, the service leaves the
# store and the child ends without global destruction: the child holds copies of this driver's
# clients and handles, whose destructors would disconnect the parent's clients.
package IPCMDriver::Echo;
use parent -norequire, 'IPC::Manager::Service::Echo';

# ipcm_service loads its service class by file name; this one lives in the driver itself.
BEGIN { $INC{'IPCMDriver/Echo.pm'} = __FILE__ }

sub post_fork_hook {
    my $self = shift;
    open(STDOUT, '>&', \*STDERR) or die "Could not send the service's stdout to stderr: $!";
    return $self->SUPER::post_fork_hook(@_);
}

sub run {
    my $self = shift;
    my $exit = eval { $self->SUPER::run(@_) };
    my $ok   = defined $exit;
    warn $@ unless $ok;
    eval { $self->client->disconnect(sub { }); 1 } or warn $@;
    POSIX::_exit($ok ? $exit : 255);
}
