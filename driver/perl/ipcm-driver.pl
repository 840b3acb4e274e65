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

use IPC::Manager qw/ipcm_spawn ipcm_connect ipcm_reconnect/;
use IPC::Manager::Message;
use IPC::Manager::Spawn;

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
    MessageFiles => {caps => [qw/SUSPEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    JSONFile     => {caps => [qw/SUSPEND SUSPEND_KEEPS_PID MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    AtomicPipe   => {caps => [qw/NON_BLOCKING_SEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/]},
    UnixSocket   => {caps => [qw/NON_BLOCKING_SEND MESSAGE_WAKEUP PEER_CHANGE_WAKEUP MIXED_PAIRS/], max => 65536},
    SQLite       => {caps => [qw/SUSPEND DISCONNECTED_PEERS_ADDRESSABLE MIXED_PAIRS/]},
);
my @ORDER = qw/MessageFiles JSONFile AtomicPipe UnixSocket SQLite/;

my %SPAWNED;    # route => IPC::Manager::Spawn, unspawned at the end if the caller did not
my %CLIENTS;    # handle => client object
# handle => name of a client that disconnected or suspended. Its object is released: each holds
# OS resources (an inotify instance on the directory stores), which a long run would exhaust.
my %LEFT;

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
        my $viable = eval { require_class($class); $class->viable };
        $p->{unavailable} = {reason => "IPC::Manager says $name is not viable here: " . ($@ || 'no reason given'),
            remedy => 'install what the reference needs for it (see its documentation)'} unless $viable;
        push @protocols => $p;
    }
    return {
        version        => PROTOCOL_VERSION,
        name           => 'perl',
        implementation => "IPC::Manager $IPC::Manager::VERSION",
        protocols      => \@protocols,
    };
}

sub require_class {
    my ($class) = @_;
    (my $file = "$class.pm") =~ s{::}{/}g;
    require $file;
}

sub op_spawn {
    my ($req) = @_;
    my $class = protocol_class($req);
    my $spawn = ipcm_spawn(%{$req->{params} // {}}, protocol => $class, serializer => $req->{serializer}, guard => 0);
    $SPAWNED{$spawn->route} = $spawn;
    return {route => $spawn->route, info => $spawn->info};
}

sub op_unspawn {
    my ($req) = @_;
    my $class = protocol_class($req);
    my $spawn = delete $SPAWNED{$req->{route}};
    $spawn ? $spawn->unspawn : $class->unspawn($req->{route});
    return undef;
}

sub op_store_exists {
    my ($req) = @_;
    protocol_class($req);
    return bool(-e $req->{route});
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
# library would (on its select handles when it has them), then look once more.
sub op_receive {
    my ($req) = @_;
    my $con  = client($req);
    my @msgs = $con->get_messages;
    my $wait = $req->{wait} // 0;
    if (!@msgs && $wait > 0) {
        if ($con->have_handles_for_select) {
            IO::Select->new($con->handles_for_select)->can_read($wait);
        }
        else {
            sleep($wait);
        }
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

# The library raises text; this maps its wording onto the driver protocol's error kinds
# (docs/driver-protocol.md, "Errors"). Anything not recognised is 'other', with the text.
sub error_kind {
    my ($text) = @_;
    return 'messages_waiting' if $text =~ m/Messages waiting at disconnect/;
    return 'not_supported'    if $text =~ m/is not supported|Not Implemented/;
    return 'content'          if $text =~ m/Message file '.*' already exists/;
    return 'name_taken'       if $text =~ m/already running in pid|already exists/;
    return 'no_such_peer'     if $text =~ m/peer_id is required|'peer_id' is required|must either have a 'to' or 'broadcast'/;
    return 'invalid_name'     if $text =~ m/may not begin with an underscore|'id' is a required attribute|too long/;
    return 'content'          if $text =~ m/'content' is a required attribute|encountered|cannot be encoded|malformed/i;
    return 'no_such_peer'     if $text =~ m/not a valid message recipient|Client does not exist|Client '.*' does not exist|peer does not exist|is not listening|No peer specified|Message has no peer/;
    return 'store_gone'       if $text =~ m/Could not open dir|Cannot open '|Route '.*' does not exist/;
    return 'other';
}

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
while (my $line = <STDIN>) {
    next unless $line =~ m/\S/;
    serve($line);
}

# stdin closed: the caller is done. Leave as a well-behaved process would.
for my $handle (sort keys %CLIENTS) {
    eval { $CLIENTS{$handle}->disconnect(sub { }); 1 } or warn $@;
}
%CLIENTS = ();
%LEFT    = ();
for my $route (sort keys %SPAWNED) {
    eval { $SPAWNED{$route}->unspawn; 1 } or warn $@;
}
exit 0;
