"""
Words for generated articles (articles/demo/archive.py): Indonesian news
roots, names readers search for, function words and syllables for made-up
names. Written for this project; no real copy is reproduced.
"""

# Root words by topic; the generator adds the affixes Indonesian copy uses
# (meN-, di-, peN-...-an, ke-...-an, ber-, ter-, -kan, -i, -nya) so the
# stemmer has real work to do. Frequencies follow Zipf's law, as words in
# real text do.

ROOTS = """
serang kirim bangun bantu jaga tangkap periksa selidik tuduh adil hukum putus
sidang tahan lepas bebas curi bunuh tembak ledak bakar rusak runtuh banjir
longsor gempa letus ungsi selamat cari temu hilang tewas luka rawat obat sakit
sehat vaksin suntik tular jangkit cegah tangan atur kelola pimpin perintah
pilih calon menang kalah suara hitung kampanye dukung tolak protes demo unjuk
rasa tuntut minta janji ubah tetap sahkan rancang undang usul bahas rapat
kunjung resmi buka tutup mulai henti lanjut tunda batal jual beli harga naik
turun untung rugi bayar pajak utang pinjam modal dagang ekspor impor produksi
hasil panen tanam pupuk beras gula minyak gas listrik bensin solar tambang
batu bara emas nikel sawit karet kopi teh ikan laut kapal pelabuhan terbang
pesawat kereta jalan tol jembatan bandara macet kendara motor mobil angkut
penumpang tiket mudik libur wisata hotel pantai gunung hutan sungai danau air
hujan cuaca panas kering kemarau angin badai ombak iklim cemar sampah limbah
udara asap api padam siaga waspada darurat bencana korban warga desa kota
kampung rumah sekolah guru murid ajar didik kuliah kampus uji nilai lulus
daftar terima tes beasiswa dana anggar biaya belanja kas keuangan bank saham
bursa investasi rupiah dolar inflasi bunga kredit tabung asuransi usaha kerja
buruh upah gaji pecat rekrut karyawan pabrik industri teknologi digital data
aplikasi internet jaringan sinyal retas bocor siber ponsel komputer pintar
robot satelit riset teliti temuan ilmu sains dokter perawat rumah sakit pasien
gizi stunting anak ibu bayi lahir nikah cerai keluarga tua muda remaja
perempuan pria hak asasi manusia bela adil damai perang tentara senjata
rudal bom tank kapal selam perbatasan wilayah negara bangsa dunia kerja sama
runding sepakat kesepakatan dialog diplomat duta besar kedutaan menteri
presiden wakil gubernur bupati wali kota camat lurah kepala dinas badan
lembaga komisi partai koalisi oposisi parlemen dewan anggota fraksi kursi
jabat jabatan lantik mundur copot ganti tunjuk angkat sumpah korupsi suap
gratifikasi rampas sita geledah tersangka saksi bukti jaksa hakim polisi
penjara vonis banding kasasi grasi amnesti pidana perdata gugat sengketa
lahan tanah sertifikat tata ruang izin larang boleh wajib sanksi denda
pantau awas evaluasi capai target rencana strategi kebijakan program proyek
sasar manfaat dampak akibat sebab tingkat turun naik tambah kurang banyak
sedikit cepat lambat besar kecil tinggi rendah baru lama kuat lemah mahal
murah sulit mudah jelas ragu percaya curiga takut berani marah senang sedih
kecewa puas bangga malu khawatir harap yakin sadar paham tahu lihat dengar
kata bicara jawab tanya cerita kabar berita tulis baca siar liput wartawan
media pers foto video gambar tayang film musik lagu konser seni budaya adat
tari festival lomba juara tanding main bola sepak gol skor pelatih pemain
klub liga piala medali atlet olahraga lari renang tinju bulu tangkis basket
stadion suporter wasit kartu menit babak laga kandang tamu final semifinal
ibadah masjid gereja pura doa puasa lebaran natal zakat haji umrah agama
""".split()

# Names readers search for: people, places, institutions, acronyms.
NAMES = """
KPK NATO BPS DPR MPR TNI Polri BMKG BNPB OJK BI PBB WHO ASEAN IMF BUMN APBN
Stoltenberg Guterres Zelenskyy Putin Biden Erdogan Macron Albanese Modi
Prabowo Gibran Megawati Anies Ganjar Mahfud Airlangga Retno Sri Mulyani
Jakarta Surabaya Bandung Medan Makassar Semarang Palembang Denpasar Kediri
Bekasi Bogor Depok Tangerang Yogyakarta Solo Malang Manado Ambon Jayapura
Aceh Papua Kalimantan Sulawesi Sumatera Bali Lombok Maluku Natuna Merapi
Ukraina Rusia Israel Gaza Palestina Amerika China Jepang Korea Australia
Singapura Malaysia Thailand Filipina Vietnam Myanmar India Arab Saudi Iran
Pertamina Garuda Telkom PLN Antara Reuters
""".split()

FUNCTION_WORDS = """
yang dan di ke dari ini itu dengan untuk pada dalam akan juga tidak sudah
telah oleh karena bahwa sebagai para saat masih bisa dapat lebih harus
tersebut mereka ia kami kita atau namun tetapi hingga sejak agar serta
""".split()

SYLLABLES = "ba bu ki ko ma mi na no ra ri sa su ta ti wa wi ya jo de do ga gu ha he la lo pa pe se so".split()
